"""FTP: replies in transcripts (FileZilla in any language, WinSCP, lftp, curl -v, the ftp command,
node/Python/PHP debug prints) and the way each client library quotes a reply.

In a transcript the failing reply is the last error, after the command that failed: an earlier
error the session recovered from (FileZilla's `AUTH TLS` -> `530 Please login with USER and PASS`
before a plain login) is not the news, and 1xx-3xx replies are the normal flow. Transcript lines
are read only when the paste reads as FTP (bot.context); client formats are read always.

Examples (tests/test_recognize.py runs each through the engine):

    Status:	Connecting to 192.168.1.72:2121...
    Response:	220 Welcome
    Command:	PASS ********
    Response:	530 Login or password incorrect!
    => ftp:530

    Befehl:	STOR backup-2024-03.zip
    Antwort:	150 Accepted data connection
    Antwort:	552 Disk full - please upload later
    Fehler:	Kritischer Dateiübertragungsfehler
    => ftp:552

    < 2023-05-01 10:00:01.120 STOR test.txt
    < 2023-05-01 10:00:01.183 553 Could not create file.
    . 2023-05-01 10:00:01.184 Copying files to remote side failed.
    => ftp:553

    <--- 451-Error during read from data connection
    <--- 451-Transfer aborted
    => ftp:451

    ftplib.error_perm: 530 Login incorrect.
    => ftp:530

    FTPError: 550 Failed to change directory.
    => ftp:550

    Exception calling "GetListing" with "1" argument(s): "Code: 522 Message: SSL connection failed; session reuse required"
    => ftp:522

    mirror: Access failed: 550 Failed to change directory. (/home/user_name/archive)
    => ftp:550

    Net::FTPTempError: 426 Transfer aborted.  Data connection closed.
    => ftp:426

    org.apache.commons.net.ftp.FTPConnectionClosedException: FTP response 421 received.  Server closed connection.
    => ftp:421

    Error: Too many connections (10) from this IP
    => ftp:421

    550 The process cannot access the file because it is being used by another process.
    ftp-remote-edit, Windows FTP server
    => ftp:550

    상태:	연결 중...
    명령:	LIST
    응답:	425 Can't open data connection for transfer of "/"
    => ftp:425
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention

_TS = (
    r"(?:[A-Z][a-z]{2}, [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} )?(?:[0-9]{4}[-/.][0-9]{2}[-/.][0-9]{2}[ T])?"
    r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]{1,6})?(?:[ \t](?:GMT|UTC))?"
)
_PREFIX = r"(?:\[[^\]\n]{0,40}\]|[0-9]{1,3}:|I/flutter \([0-9]{1,8}\):|" + _TS + r")[ \t]{1,3}"
LABELS = (
    r"response|reply|answer|antwort|resposta|respuesta|risposta|réponse|reponse|odpowiedź|antwoord|yanıt|ответ|"
    r"응답|応答|回應|响应|回应|status|状态|狀態|server|s"
)
_REPLY_LINE = re.compile(
    r"^[ \t]{0,8}(?:" + _PREFIX + r"){0,2}"
    r"(?:(?:" + LABELS + r")[ \t]{0,3}[:>]|<---|<--|<<<|<<|<|-->|ftp>|ftp:)?[ \t]{0,3}"
    r"(?:" + _TS + r"[ \t]{1,2})?'?"
    r"(?P<code>[1-6][0-9][0-9])(?P<sep>[ -]|:[ \t])(?P<rest>[^\n]{0,200})",
    re.I | re.M,
)
_COMMAND_LINE = re.compile(
    r"^[ \t]{0,8}(?:" + _PREFIX + r"){0,2}"
    r"(?:command|befehl|comando|commande|polecenie|commando|komut|команда|명령|コマンド|命令|指令|>|-->|--->|ftp>)"
    r"[ \t]{0,3}:?[ \t]{0,3}'?(?P<verb>[A-Za-z]{3,4})(?![A-Za-z])",
    re.I | re.M,
)
# Client libraries quoting a reply: (pattern, strength); group `code` is the reply.
_R = r"(?P<code>[1-6][0-9][0-9])(?![0-9])"
_CLIENT_FORMS = [
    re.compile(r"(?:ftplib\.)?error_(?:perm|temp|reply|proto)[:,][ \t]{0,2}(?:\(?['\"]?)?" + _R),  # Python ftplib
    re.compile(r"FTP(?:Perm|Temp)?Error:?[ \t]{1,2}" + _R),  # basic-ftp, Ruby Net::FTP, ftp-deploy
    re.compile(r"Net::FTP(?:Perm|Temp|Reply|Proto)Error\)?:?[ \t]{0,2}" + _R),
    re.compile(r"(?:^|[ \t(\"'])" + _R + r"[^\n]{0,200}?\(Net::FTP(?:Perm|Temp|Reply|Proto)Error\)", re.M),
    re.compile(r"(?<![A-Za-z])Code: " + _R + r" Message: "),  # FluentFTP
    re.compile(r"CompletionCode:?[ \t\"']{0,3}" + _R),  # FluentFTP FtpCommandException
    re.compile(r"FTP response " + _R + r" received"),  # Apache Commons Net
    re.compile(r"Code=" + _R + r" \("),  # ArxOne.Ftp
    re.compile(r"(?:Access|Login|Put|Get|Open|Move|Rename|Copy|mkParentDir|Upload|Download|List|Delete|cd|mkdir)"
               r" failed: (?:open: )?" + _R, re.I),  # lftp, rclone
    re.compile(r"Fatal error: " + _R + r" "),  # lftp
    re.compile(r"unexpected server response to [A-Z]{3,4}: " + _R),
    re.compile(r"(?:Invalid|Unexpected) response: \[[0-9]\] " + _R),
]
# Words that decide FTP against HTTP, and the reply they are.
_WORDS = [
    (re.compile(r"Too many connections(?: \([0-9]{1,4}\))? from this IP|maximum number of (?:users|clients)"
                r"|Too many users", re.I), "421"),
    (re.compile(r"(?<![A-Za-z])Disk full - please upload later|Disk quota exceeded", re.I), "552"),
    (re.compile(r"Use AUTH first|Policy requires SSL", re.I), "534"),
    (re.compile(r"session reuse required", re.I), "522"),
]
_HARMLESS_BEFORE = ("AUTH",)  # FileZilla tries AUTH TLS/SSL first; a refusal there is followed by a plain login


def read_client_forms(text: str, found: list[Mention], taken: set[int]) -> None:
    low = text.lower()
    if "ftp" not in low and "code" not in low and "failed" not in low and "error" not in low:
        return
    for pattern in _CLIENT_FORMS:
        for m in pattern.finditer(text):
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(Mention(m.group("code"), EXPLICIT, "ftp-client", m.start("code"), m.end("code"), "ftp"))


def read_words(text: str, found: list[Mention]) -> None:
    for pattern, code in _WORDS:
        m = pattern.search(text)
        if m:
            found.append(Mention(code, 0.88, "ftp-words", m.start(), m.end(), "ftp"))


def reply_lines(text: str, taken: set[int]) -> list[Mention]:
    """Lines of an FTP transcript that start with a reply code (`Response: 550 ...`, `< 230 ...`)."""
    replies = [m for m in _REPLY_LINE.finditer(text) if m.start("code") not in taken]
    if not replies:
        return []
    commands = [(m.start(), m.group("verb").upper()) for m in _COMMAND_LINE.finditer(text)]
    out = []
    n = len(replies)
    errors = [i for i, m in enumerate(replies) if m.group("code")[0] in "456"]
    for i, m in enumerate(replies):
        code = m.group("code")
        taken.add(m.start("code"))
        if code[0] in "456":
            later_errors = sum(1 for j in errors if j > i)
            later_ok = any(r.group("code")[0] == "2" for r in replies[i + 1 :])
            last_command = next((verb for pos, verb in reversed(commands) if pos < m.start()), "")
            strength = EXPLICIT - 0.02 * min(3, later_errors)
            if later_ok and later_errors and (last_command in _HARMLESS_BEFORE or code == "530"):
                strength = 0.7  # refused, then the session went on: not what failed
            elif later_ok and last_command in _HARMLESS_BEFORE:
                strength = 0.7
        else:
            # success replies are the normal flow; the later one stands, the closer it is to what went wrong
            strength = LABELLED + 0.04 * (i + 1) / n
        out.append(Mention(code, strength, "ftp-reply", m.start("code"), m.end("code"), "ftp"))
    return out
