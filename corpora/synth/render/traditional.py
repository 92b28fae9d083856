"""Simplified → traditional characters, as county sites convert their pages on the fly.

OpenCC does it when one of its Python packages is installed; otherwise a table of the
characters these reports use (made once with OpenCC's s2t, character by character) does.
Character-level conversion is what on-the-fly converters do too, mistakes included.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

SIMPLIFIED = (
    "万与专业东严个丰临为丽义乐乡书买于云产亩从价众优伙会传体余俭债偿储党关兴养兽内册农决况准减凤划别"
    "办务动励劳区医华协单占卫厅厉压县发变台后员咨响团园围国图场处备复够奖学宁实审对导将属岭峰师干并广"
    "库应开弥强当录彻态总战户托执抚护报担拟拨据数无时显晋晓术机权条来构标栏样档检气汇没泽测济涨渔游滞"
    "满灾点环电疗监矿码础确离种秘积称税稳笔筑筹类粮紧约级纳线组细织经结络统继绩续维综编缩缮缴网群职节"
    "范营补装见观规计订认训议记讲设访评词话询详说请调负财责货质购贯贴费赁资赔赠车转软较辅辆输边达迁过"
    "运还进违迟邮采释里针镇长门问间队阳际陈险难页项顺预领频题额馆验龙"
)
TRADITIONAL = (
    "萬與專業東嚴個豐臨爲麗義樂鄉書買於雲產畝從價衆優夥會傳體餘儉債償儲黨關興養獸內冊農決況準減鳳劃別"
    "辦務動勵勞區醫華協單佔衛廳厲壓縣發變臺後員諮響團園圍國圖場處備復夠獎學寧實審對導將屬嶺峯師幹並廣"
    "庫應開彌強當錄徹態總戰戶託執撫護報擔擬撥據數無時顯晉曉術機權條來構標欄樣檔檢氣匯沒澤測濟漲漁遊滯"
    "滿災點環電療監礦碼礎確離種祕積稱稅穩筆築籌類糧緊約級納線組細織經結絡統繼績續維綜編縮繕繳網羣職節"
    "範營補裝見觀規計訂認訓議記講設訪評詞話詢詳說請調負財責貨質購貫貼費賃資賠贈車轉軟較輔輛輸邊達遷過"
    "運還進違遲郵採釋裏針鎮長門問間隊陽際陳險難頁項順預領頻題額館驗龍"
)


@cache
def _converter() -> Callable[[str], str]:
    try:
        from opencc import OpenCC  # type: ignore[import-not-found]
    except ImportError:
        table = str.maketrans(SIMPLIFIED, TRADITIONAL)
        return lambda text: text.translate(table)
    try:
        converter = OpenCC("s2t")
    except Exception:  # the C++ binding names its configurations s2t.json
        converter = OpenCC("s2t.json")
    return converter.convert  # type: ignore[no-any-return]


def to_traditional(text: str) -> str:
    return _converter()(text)
