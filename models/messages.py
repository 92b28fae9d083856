"""The one catalogue of user-facing text, Chinese first with English beside it.

Every message the user reads (errors, finding messages) is a template here, keyed by a
stable code, so wording is reviewed in one place and both languages stay in step.
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """A message in both languages, already formatted."""

    zh: str
    en: str


#: code -> (zh, en) or, for what can reach an HTTP client, (zh, en, its HTTP status)
_CATALOGUE: dict[str, tuple[str, str] | tuple[str, str, int]] = {
    # --- input errors ---------------------------------------------------------
    "E_EMPTY": ("文件为空：{name}", "empty file: {name}", 422),
    "E_BINARY": ("不是文本文件（含二进制数据）：{name}", "not a text file (binary data): {name}", 415),
    "E_DECODE": (
        "无法识别文件编码（尝试了 UTF-8、UTF-16/32、GB18030、Big5）：{name}",
        "cannot decode file (tried UTF-8, UTF-16/32, GB18030, Big5): {name}", 415,
    ),
    "E_TEXT_TOO_LONG": (
        "文本过长（{chars} 个字符，上限 {limit} 个）：{name}",
        "text too long ({chars} characters, limit {limit}): {name}", 422,
    ),
    "E_TOO_MANY_CLAIMS": (
        "数字过多（超过 {limit} 个）：{name}；是否为部门决算或绩效报告？",
        "too many figures (more than {limit}): {name}; is this a budget report?", 422,
    ),
    "E_TOO_LARGE": (
        "文件过大（{size} 字节，上限 {limit} 字节）：{name}",
        "file too large ({size} bytes, limit {limit}): {name}", 413,
    ),
    "E_UNREADABLE": ("无法读取文件：{name}（{detail}）", "cannot read file: {name} ({detail})", 400),
    "E_RULES_CONFIG": ("规则配置错误：{detail_zh}", "invalid rules configuration: {detail}", 422),
    "E_RULES_SELECT": (
        "没有这样的规则：{names}（hecha rules 列出全部规则编号；也可写前缀，如 sum.）",
        "no such rule: {names} (hecha rules lists the rule ids; a prefix such as sum. works too)",
    ),
    # --- file formats (extractor/readers): PDF, Word, Excel, HTML, images ------------
    "E_FORMAT": (
        "不支持的文件格式（{kind}）：{name}；可读取 PDF、Word (.docx)、Excel (.xlsx/.xls)、HTML、图片和文本",
        "unsupported file format ({kind}): {name}; hecha reads PDF, Word (.docx), Excel "
        "(.xlsx/.xls), HTML, images and text", 415,
    ),
    "E_CORRUPT": ("文件已损坏，无法解析（{kind}）：{name}（{detail}）",
                  "damaged file, cannot parse it ({kind}): {name} ({detail})", 422),
    "E_PDF_ENCRYPTED": ("PDF 已加密，需要密码才能打开：{name}",
                        "the PDF is encrypted (needs a password): {name}", 415),
    "E_ENCRYPTED": ("文件已加密（{kind}），需要密码才能打开：{name}",
                    "the file is encrypted ({kind}) and needs a password: {name}", 415),
    "E_PDF_EMPTY": ("PDF 没有任何页面：{name}", "the PDF has no pages: {name}", 422),
    "E_TOO_MANY_PAGES": ("页数过多（{pages} 页，上限 {limit} 页）：{name}",
                         "too many pages ({pages}, limit {limit}): {name}", 413),
    "E_TOO_MANY_CELLS": ("表格单元格过多（超过 {limit} 个）：{name}",
                         "too many spreadsheet cells (over {limit}): {name}", 413),
    "E_IMAGE_TOO_LARGE": ("图片像素过多（上限 {limit} 像素）：{name}",
                          "the image has too many pixels (limit {limit}): {name}", 413),
    "E_NO_TEXT": ("文件中没有可读取的文字（{kind}）：{name}",
                  "no text to read in the file ({kind}): {name}", 422),
    "E_ZIP_BOMB": (
        "压缩包解压后过大，拒绝读取（{member}：{size} 字节，压缩比 {ratio}；上限 {limit} 字节、"
        "{max_ratio} 倍）：{name}",
        "refused: the archive would unpack to too much ({member}: {size} bytes, ratio {ratio}; "
        "limits {limit} bytes, {max_ratio}x): {name}", 413,
    ),
    "E_MACRO": (
        "文件含有宏（{kind}，{part}），出于安全考虑不予读取；请另存为不含宏的 .docx/.xlsx 或 PDF：{name}",
        "the file contains macros ({kind}, {part}) and is refused for safety; save it as a "
        "macro-free .docx/.xlsx or as PDF: {name}", 415,
    ),
    "E_READ_TIMEOUT": (
        "解析文件超时（超过 {limit} 秒，文件可能已损坏或过于复杂）：{name}",
        "reading the file took too long (over {limit} s; damaged or too complex?): {name}", 422,
    ),
    "E_READ_MEMORY": (
        "解析文件所需内存超过上限（{limit} MB）：{name}",
        "reading the file needs more memory than allowed ({limit} MB): {name}", 413,
    ),
    "E_READ_CRASHED": ("解析文件时读取进程意外退出（{kind}）：{name}",
                       "the reading process died while parsing the file ({kind}): {name}", 422),
    "E_OCR_BUDGET": (
        "OCR 用时超过每份文件 {limit} 秒的上限（已识别 {done}/{pages} 页），未核查：{name}",
        "OCR took longer than the {limit} s a document may take ({done} of {pages} page(s) read); "
        "not checked: {name}", 422,
    ),
    "E_OCR_UNAVAILABLE": (
        "第 {pages} 页没有文字层（扫描件），需要 OCR，但未安装 rapidocr-onnxruntime：{name}",
        "page(s) {pages} have no text layer (scanned) and need OCR, but rapidocr-onnxruntime "
        "is not installed: {name}", 503,
    ),
    # --- details of E_UNREADABLE, one per operating-system error -----------------
    "D_NOT_FOUND": ("文件不存在", "no such file or directory"),
    "D_IS_DIRECTORY": ("这是目录，不是文件", "is a directory, not a file"),
    "D_PERMISSION": ("没有读取权限", "permission denied"),
    "D_NO_REPORTS": (
        "文件夹中没有报告文件（{suffixes}；隐藏文件不计）",
        "no report files in the folder ({suffixes}; hidden files are skipped)",
    ),
    # --- command line -----------------------------------------------------------
    # --- report page ------------------------------------------------------------
    "UI_SEV_ERROR": ("错误", "errors"),
    "UI_SEV_WARNING": ("警告", "warnings"),
    "UI_SEV_INFO": ("提示", "notes"),
    "UI_ALL_RULES": ("全部规则", "all rules"),
    "UI_PREV_SPAN": ("上一处", "previous"),
    "UI_NEXT_SPAN": ("下一处", "next"),
    "UI_KEYS": ("快捷键：j/k 下一个/上一个问题，n/p 同一问题的下一处/上一处，Esc 取消",
                "keys: j/k next/previous finding, n/p next/previous span, Esc clear"),
    "UI_META": ("{unit} · {year}年度 · {claims} 个数据 · {tables} 张表",
                "{unit} · FY{year} · {claims} figures · {tables} tables"),
    "CLI_SUMMARY": (
        "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示",
        "checked {files} file(s): {errors} error(s), {warnings} warning(s), {infos} note(s)",
    ),
    "CLI_ANNOTATED": ("已写入标注副本：{path}", "wrote the annotated copy: {path}"),
    "CLI_EXPORTED": ("已写入核查结果：{path}", "wrote the findings: {path}"),
    "CLI_OUTPUT_NEEDED": (
        "--format {format} 写的是文件，请用 --output 指定路径",
        "--format {format} writes a file: name it with --output",
    ),
    "CLI_ANNOTATE_SUFFIX": (
        "标注副本是 {suffix} 文件，与目标 {target} 的扩展名不符：请改用 {suggestion}，或给出一个文件夹",
        "the annotated copy is a {suffix} file, but {target} does not end in {suffix}: "
        "use {suggestion}, or a folder",
    ),
    "CLI_ANNOTATE_TARGET": (
        "标注副本只能写成 .docx、.pdf 或 .html 文件（依输入的格式而定），或写入一个文件夹：{target}",
        "an annotated copy is a .docx, .pdf or .html file (as the input is), or goes into a folder: {target}",
    ),
    "OCR_PROGRESS": ("正在识别（OCR）第 {page}/{total} 页：{name}", "OCR page {page}/{total}: {name}"),
    "CLI_REPORT_TITLE": ("核查报告", "hecha report"),
    "CLI_NO_FINDINGS": ("未发现问题", "no findings"),
    # where a finding stands in the file (models/layout.py Place): its parts
    "PLACE_PAGE": ("第{n}页", "page {n}"),
    "PLACE_SHEET": ("工作表“{name}”", "sheet {name}"),
    "PLACE_ROW": ("{row}行", "row {row}"),
    "NO_FIGURES": (
        "未找到任何数字：{name}；这是部门决算或绩效报告吗？",
        "no figures found: {name}; is this a budget report?",
    ),
    # --- HTTP API and its storage (service/api, service/storage) --------------------
    "E_UNSUPPORTED_TYPE": (
        "不支持的请求类型：{media_type}（请用 multipart/form-data 上传文件，或提交 JSON）",
        "unsupported request type: {media_type} (upload a file as multipart/form-data, or send JSON)", 415,
    ),
    "E_CHECK_MEMORY": (
        "核查所需内存超过上限：{name}；文件是否过大或并非部门决算？",
        "checking needs more memory than allowed: {name}; is the file too large or not a "
        "budget report?", 422,
    ),
    "E_TIMEOUT": ("核查超时（超过 {limit} 秒）：{name}",
                  "checking took too long (over {limit} s): {name}", 422),
    "E_SETTINGS": ("HECHA_* 环境变量设置无效：{detail}", "invalid HECHA_* setting: {detail}"),
    "E_WORKER_CRASHED": ("核查进程意外退出：{name}", "the checking process died: {name}", 503),
    "E_ABANDONED": (
        "尝试 {attempts} 次后仍未完成核查：{name}",
        "gave up after {attempts} attempts: {name}", 422,
    ),
    "E_BLOB_MISSING": (
        "原始文件已丢失，无法重新核查：{name}",
        "the original bytes are gone, cannot recheck: {name}", 409,
    ),
    "API_UNAUTHORIZED": (
        "缺少或无效的 API 密钥（请用 Authorization: Bearer 或 X-API-Key 请求头）",
        "missing or invalid API key (send Authorization: Bearer or X-API-Key)", 401,
    ),
    "API_NOT_FOUND": ("文档不存在：{id}", "document not found: {id}", 404),
    "API_FINDING_NOT_FOUND": (
        "该文档的最新报告中没有此发现：{id}",
        "no such finding in the document's latest report: {id}", 404,
    ),
    "API_PAGE_NOT_FOUND": ("该文档没有第 {number} 页", "the document has no page {number}", 404),
    "API_NO_PAGES": (
        "该文档不是 PDF，没有可显示的页面（位置见发现中的表格和行）",
        "the document is not a PDF: it has no pages to show (its findings give table and row)", 404,
    ),
    "API_NO_ROUTE": ("地址不存在", "no such endpoint", 404),
    "API_METHOD": ("该地址不支持 {method} 请求", "method {method} is not allowed here", 405),
    "API_NOT_READY": (
        "报告尚未生成（文档状态：{status}）",
        "the report is not available (document status: {status})", 409,
    ),
    "API_BUSY": ("文档正在核查中，请稍后再试", "the document is being checked; try again later", 409),
    "API_PROFILE_CONFLICT": (
        "同一文件已用不同的规则配置提交过（文档 {id}）；请用 recheck 重新核查",
        "the same file was already submitted with different rules (document {id}); use recheck", 409,
    ),
    "API_RATE_LIMITED": (
        "请求过于频繁：每个密钥每分钟最多 {limit} 次，请 {retry} 秒后再试",
        "too many requests: at most {limit} per minute per key; retry in {retry} s", 429,
    ),
    "API_RATE_LIMITED_ADDRESS": (
        "来自该地址的无有效密钥请求过于频繁：每分钟最多 {limit} 次，请 {retry} 秒后再试",
        "too many requests without a valid API key from this address: at most {limit} per minute; "
        "retry in {retry} s", 429,
    ),
    "API_INVALID": ("请求无效：{detail}", "invalid request: {detail}", 422),
    "API_BODY_TOO_LARGE": ("请求体过大（上限 {limit} 字节）",
                           "request body too large (limit {limit} bytes)", 413),
    "API_UNAVAILABLE": ("服务暂不可用：{detail}", "service unavailable: {detail}", 503),
    "API_INTERNAL": ("服务器内部错误", "internal server error", 500),
    "API_HTTP": ("HTTP 错误 {status}", "HTTP error {status}"),
    "KEYS_CREATED": (
        "已为 {tenant} 创建 API 密钥（只显示这一次，请妥善保存）",
        "API key created for {tenant} (shown only this once: keep it safe)",
    ),
    "KEYS_REVOKED": ("已吊销密钥 {prefix}", "revoked key {prefix}"),
    "KEYS_UNKNOWN": ("没有前缀为 {prefix} 的有效密钥", "no active key with prefix {prefix}"),
    # --- bulk annotation (service/annotate, `hecha annotate`) ---------------------
    "E_INTERNAL": ("处理文件时出错：{name}（{detail}）", "error while processing: {name} ({detail})", 422),
    "E_WORKER_LOST": (
        "处理进程意外退出（可能内存不足），未完成：{name}",
        "the worker process died (out of memory?) before finishing: {name}", 422,
    ),
    "E_NO_INPUT": ("没有找到要处理的文件：{paths}", "no files to process: {paths}"),
    "E_NO_MATCH": ("没有与之匹配的文件：{pattern}", "nothing matches: {pattern}"),
    "E_OUT_DIR": ("无法使用输出目录：{path}（{detail}）", "cannot use output directory: {path} ({detail})"),
    "E_OUT_BUSY": (
        "输出目录正被另一个 hecha annotate 使用：{path}",
        "another hecha annotate is using the output directory: {path}",
    ),
    "E_SCHEDULER": (
        "无法使用 Dask 调度器 {address}：{detail}",
        "cannot use the Dask scheduler {address}: {detail}",
    ),
    "E_REVIEWS": (
        "评审文件无法使用（{path}）：{detail}",
        "the reviews file cannot be used ({path}): {detail}",
    ),
    "E_FORMATS": (
        "未知的输出格式：{names}（可选：{known}）",
        "unknown output format(s): {names} (known: {known})",
    ),
    "ANNOTATE_START": (
        "共 {files} 个文件：{todo} 个待处理，{reused} 个沿用上次结果",
        "{files} file(s): {todo} to process, {reused} already done by an earlier run",
    ),
    "ANNOTATE_PROGRESS": (
        "已处理 {done}/{total}，{rate} 个/秒，预计还需 {eta}，失败 {failed} 个",
        "{done}/{total} done, {rate} documents/s, ETA {eta}, {failed} failed",
    ),
    "ANNOTATE_SUMMARY": (
        "共 {files} 个文件：成功 {ok} 个，失败 {failed} 个，跳过 {skipped} 个；"
        "发现 {findings} 条；输出在 {out}",
        "{files} file(s): {ok} ok, {failed} failed, {skipped} skipped; {findings} finding(s); "
        "outputs in {out}",
    ),
    "ANNOTATE_TITLE": ("批量核查汇总", "bulk annotation summary"),
    "ANNOTATE_ASSEMBLE": ("正在汇总输出文件……", "assembling the output files…"),
    "ANNOTATE_INTERRUPTED": (
        "已中断；已完成的文件不会丢失，重新运行同一命令即可继续",
        "interrupted; finished files are kept: run the same command again to resume",
    ),
    # --- findings -------------------------------------------------------------
    "SUM_MISMATCH": (
        "{total_subject} {stated} 与各组成部分之和不符：{formula} = {expected}，而报告为 {stated}",
        "{total_subject} {stated} does not equal the sum of its parts: {formula} = {expected}, "
        "but the report says {stated}",
    ),
    "TABLE_TOTAL_MISMATCH": (
        "表间合计不符（{name}）：《{table}》中{subject}为 {stated}，"
        "而《{other_table}》中为 {formula} = {expected}",
        "totals of two tables disagree ({name}): {subject} is {stated} in {table}, but "
        "{formula} = {expected} in {other_table}",
    ),
    "PART_EXCEEDS_WHOLE": (
        "{subject} {stated} 大于其所属的{whole_subject} {whole}：部分不能超过整体（应有 {formula}）",
        "{subject} {stated} exceeds {whole_subject} {whole}, the whole it is part of "
        "({formula} must hold)",
    ),
    "SHARE_OVER_WHOLE": (
        "{subject}占{base}的比重为 {stated}%，超过 100%：部分不能大于整体",
        "{subject} is stated as {stated}% of {base}, over 100%: a part cannot exceed its whole",
    ),
    "NEGATIVE_AMOUNT": (
        "{subject}为负数（{stated}）：全年的支出或收入不能小于零",
        "{subject} is negative ({stated}): a year's spending or income cannot be below zero",
    ),
    "NEGATIVE_SCORE": (
        "得分为负数：{subject} {stated} 分，得分不能小于零",
        "a negative score: {subject} {stated}, a score cannot be below zero",
    ),
    "BALANCE_MISMATCH": (
        "年末结转和结余有误：{formula} = {expected}，而报告为 {stated}",
        "the closing balance is wrong: {formula} = {expected}, but the report says {stated}",
    ),
    "SHARE_MISMATCH": (
        "{subject}占比有误：{formula} = {expected}%，而报告为 {stated}%",
        "share of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "RATE_MISMATCH": (
        "{subject}变动率有误：{formula} = {expected}%，而报告为 {stated}%",
        "change rate of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "RATE_WRONG_BASE": (
        "{subject}变动率基数有误：{formula} = {expected}%，而报告为 {stated}%"
        "（{wrong_formula} = {wrong}%，用本年数代替了上年数作除数）",
        "change rate of {subject} uses the wrong base: {formula} = {expected}%, but the report "
        "says {stated}% ({wrong_formula} = {wrong}%: divided by the current year instead of the "
        "prior year)",
    ),
    "CHANGE_MISMATCH": (
        "{subject}变动额有误：{formula} = {expected}，而报告为 {stated}",
        "change of {subject} is wrong: {formula} = {expected}, but the report says {stated}",
    ),
    "COMPLETION_MISMATCH": (
        "{subject}{what}有误：{formula} = {expected}%，而报告为 {stated}%",
        "{what_en} of {subject} is wrong: {formula} = {expected}%, but the report says {stated}%",
    ),
    "COMPLETION_ZERO_BUDGET": (
        "{subject}预算数为 0，不可能有“{what}{stated}%”",
        "{subject} has a budget of 0, so no {what_en} ({stated}%) can be right",
    ),
    "VALUE_MISMATCH": (
        "同一数据前后不一致：{subject}（{role_zh}）分别为 {values}{odd}",
        "the same figure is stated differently: {subject} ({role}) is {values}{odd_en}",
    ),
    "DIRECTION_CONFLICT": (
        "表述与数据方向相反：称“{word}”，但{subject}由 {prior} 变为 {current}",
        "wording contradicts the figures: says '{word}' but {subject} went from {prior} to {current}",
    ),
    "RATE_MISMATCH_OR_DIRECTION": (
        "{subject}变动率与增减方向不符：{formula} = {expected}%，而报告为 {stated}%；"
        "{stated}% 是{other_word}时的变动率（{other_formula}），请核对是变动率有误还是“{word}”有误",
        "change rate of {subject} does not fit its direction: {formula} = {expected}%, but the "
        "report says {stated}%, which is the rate had it {other_en} ({other_formula}): either "
        "the rate or the word '{word}' is wrong",
    ),
    "COMPARISON_CONFLICT": (
        "比较用语与数据不符：称“{word}”，但{subject}决算数为 {actual}，{what}为 {other}",
        "comparison word contradicts the figures: says '{word}', but the actual of {subject} is "
        "{actual} and the {what_en} {other}",
    ),
    "COMPARISON_RATE_CONFLICT": (
        "比较用语与数据不符：称“{word}”，但{subject}决算数为预算数的 {rate}",
        "comparison word contradicts the figures: says '{word}', but the actual of {subject} is "
        "{rate} of the budget",
    ),
    "REASON_CONFLICT": (
        "对{subject}同一变动给出不同原因：“{a}”（{cause_a}）与“{b}”（{cause_b}）",
        "two different explanations for the same change of {subject}: '{a}' ({cause_a_en}) "
        "and '{b}' ({cause_b_en})",
    ),
    "REASON_CONFLICT_MODEL": (
        "对{subject}同一变动给出不同原因：“{a}”（{cause_a}）与“{b}”（{cause_b}）（模型判定，置信度 {score}）",
        "two different explanations for the same change of {subject}: '{a}' ({cause_a_en}) "
        "and '{b}' ({cause_b_en}) (model verdict, score {score})",
    ),
    "REASON_CONTRADICTION": (
        "对{subject}同一变动给出相互矛盾的原因：“{a}”（{cause_a}）与“{b}”（{cause_b}）"
        "（模型判定，置信度 {score}）",
        "contradictory explanations for the same change of {subject}: '{a}' ({cause_a_en}) "
        "and '{b}' ({cause_b_en}) (model verdict, score {score})",
    ),
    "E_MODEL_DIR": (
        "模型目录不可用：{path}（缺少 {missing}）；请设置 HECHA_MODEL_DIR 或规则参数 model_dir",
        "model directory unusable: {path} (missing {missing}); set HECHA_MODEL_DIR or the rule "
        "parameter model_dir",
    ),
    "E_MODEL_LOAD": ("无法加载模型：{path}（{detail}）", "cannot load the model in {path} ({detail})", 503),
    "SCORE_TOTAL": (
        "{what}有误：{formula} = {expected}，而表中为 {stated}",
        "{what_en} is wrong: {formula} = {expected}, but the table says {stated}",
    ),
    "SCORE_OVER_WEIGHT": (
        "得分超过分值：{label} 得分 {score} > 分值 {weight}",
        "score exceeds its weight: {label} scores {score} > {weight}",
    ),
    "SCORE_GRADE": (
        "评价等级与得分不符：得分 {score} 应为“{expected}”，而报告为“{stated}”",
        "grade does not follow from the score: {score} is '{expected}', the report says '{stated}'",
    ),
    "UNIT_SCALE": (
        "金额单位疑误：{subject} {stated} 是别处 {other} 的一万倍或万分之一（元与万元混用）",
        "unit slip: {subject} {stated} is 10,000 times (or a ten-thousandth of) {other} "
        "elsewhere (元 and 万元 mixed up)",
    ),
    "UNIT_SCALE_TABLE": (
        "金额单位疑误：{table} 的多个金额与正文相差一万倍，请核对该表的金额单位",
        "unit slip: several figures of {table} are 10,000 times off the text's: check the "
        "table's unit",
    ),
    "REASON_MISSING": (
        "原因缺失：“原因”之后没有说明（模板未填写）",
        "reason missing: the explanation announced is not given (template never filled in)",
    ),
    "REASON_OWED": (
        "未说明原因：{subject}变动或与预算相差 {gap}%，前后文未说明原因",
        "no reason given: {subject} moved or differs from its budget by {gap}%, unexplained",
    ),
    "PERIOD_MISMATCH": (
        "年度不符：{year}年的{what}出现在{fiscal_year}年度报告中",
        "wrong year: a {year} {what_en} in a {fiscal_year} report",
    ),
    "DATE_IMPOSSIBLE": (
        "日期有误：“{date}”不存在",
        "impossible date: '{date}' does not exist",
    ),
    "DATE_BEFORE_YEAR_END": (
        "日期有误：{fiscal}年度报告的落款或公开日期“{date}”早于该年度结束",
        "wrong date: the {fiscal} report is dated '{date}', before the year it reports on ended",
    ),
    "DATE_AFTER_ISSUE": (
        "日期有误：“{date}”晚于报告本身的日期“{issued}”",
        "wrong date: '{date}' is later than the report's own date '{issued}'",
    ),
    "ENTITY_MISMATCH": (
        "主体不符：{unit}的报告中出现“{text}”",
        "wrong entity: '{text}' in a report of {unit}",
    ),
    "CODE_NAME": (
        "科目编码与名称不符：{subject}为“{own}”，表中名称“{printed}”是{other}的名称",
        "code and name disagree: {subject} is '{own}'; the table names it '{printed}', the name of {other}",
    ),
    "CODE_TREE": (
        "科目分类混用：{subject}“{printed}”是{tree}科目，列在{table_tree}表中",
        "classifications mixed up: {subject} '{printed}' is a {tree_en} code, "
        "listed in a {table_tree_en} table",
    ),
    "PLACEHOLDER": (
        "模板内容未填写（{what}）：“{text}”",
        "template text never filled in ({what_en}): '{text}'",
    ),
    "REPEATED": (
        "{what}重复：“{unit}”连续出现两次（“{text}”）",
        "{what_en} printed twice in a row: '{unit}' ('{text}')",
    ),
    "MISSING_TABLE": (
        "缺少应公开的表格：{name}",
        "a table the disclosure must contain is missing: {name}",
    ),
    "MISSING_SECTION": (
        "缺少应公开的说明：{name}",
        "an explanation the disclosure must contain is missing: {name}",
    ),
    "DUPLICATE_TABLE_LABEL": (
        "表号重复：{label} 同时用于“{a}”和“{b}”",
        "duplicate table label: {label} is used for both '{a}' and '{b}'",
    ),
    "EMPTY_TABLE_NO_NOTE": (
        "空表未说明原因：{name}无数据，但表下没有注明为何为空表（如：本单位无…收支，故本表为空表）",
        "empty table without a note: {name} shows no figures and no note says why it is empty "
        "(e.g. 本单位无…收支，故本表为空表)",
    ),
    "EMPTY_TABLE_TEXT_AMOUNT": (
        "空表与说明不符：{name}为空表（无数据或全为0），而文字说明{subject}为 {amount}",
        "empty table contradicted by the text: {name} is empty (no figures or all 0), while the "
        "text gives {subject} as {amount}",
    ),
    "TABLE_AMOUNT_TEXT_NONE": (
        "表格与说明不符：文字说明“{said}”，而{name}列有{subject} {amount}",
        "table contradicted by the text: the text says '{said}' (none), while {name} shows "
        "{subject} {amount}",
    ),
    "NEEDS_REVIEW": (
        "（请核对：{why}）",
        " (needs review: {why_en})",
    ),
    "TABLE_UNRECOGNISED": (
        "未能核对的表格“{title}”（格式未识别，或表头与数据不对应）：其数字已读取，但依据它们的发现"
        "至多作为警告，请人工核对",
        "table not checked, '{title}' (form not recognised, or its header does not fit its "
        "figures): its figures were read, but findings on them are at most warnings; check it by hand",
    ),
    "ROUNDING": (
        "尾数差异：{formula} = {expected}，报告为 {stated}，在舍入误差范围内",
        "rounding difference: {formula} = {expected}, the report says {stated}, within rounding",
    ),
}


def message(code: str, **values: object) -> Message:
    """The message `code` in both languages with `values` filled in."""
    zh, en = _CATALOGUE[code][:2]
    return Message(zh.format(**values), en.format(**values))


def http_status(code: str) -> int | None:
    """The HTTP status `code` answers with over the API; None for a code that never
    reaches a client as an error of its own (finding messages, CLI notes)."""
    entry = _CATALOGUE[code]
    return entry[2] if len(entry) == 3 else None


def codes() -> list[str]:
    """All message codes (tests check every code formats in both languages)."""
    return list(_CATALOGUE)
