"""Which case of a code the paste itself shows, and the software it came through.

`products` recognises software from headers, footers, banners and log formats; `cases` picks the
case each match's knowledge lists by the evidence present in the paste, quoting that evidence as
exact substrings of the input. The engine calls `attach` once, after ranking.
"""

from bot.diagnosis.cases import Diagnosis, attach

__all__ = ["Diagnosis", "attach"]
