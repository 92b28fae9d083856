"""What every entry point does with one document, in one place.

`hecha check`, the API's checking processes and `hecha annotate` all read a file with
`read_bytes` (E_UNREADABLE from `unreadable`), and check its bytes with `check_report`
(a Report, or a HechaError) or, in a checking process, `check_task` (an `Outcome`: the
report's JSON and summary, or the error as data). The processes themselves, their
deadline and memory ceiling, are service/pool.py's.
"""

from .checking import Outcome, Task, check_report, check_task, out_of_memory
from .reading import read_bytes, unreadable

__all__ = ["Outcome", "Task", "check_report", "check_task", "out_of_memory", "read_bytes", "unreadable"]
