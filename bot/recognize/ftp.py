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

FileZilla Server 0.9 logs every line after the client's address and `>` (a fail2ban filter table quotes
this one; a server's own log, without the date, starts `(000133)- (not logged in) (::1)> 220-FileZilla
Server 0.9.60 beta`):

    (000100)16/08/2026 17:01:02 - (not logged in) (203.0.113.9)> 530 Login or password incorrect!
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

    **CompletionCode:** "550"
    **Message:** `"; Win32 error:; Error details: File system returned an error.; End"`
    => ftp:550

    비밀번호 입력전 login incorect 530 에러가 발생합니다.
    => ftp:530

    password reset mail sent to 530 users
    => -

A mail server's log looks like a transcript; its replies are not FTP's (Exim's AUTH failure, Courier's refusal):

    2025-06-08 15:56:32 login authenticator failed for ([58.252.212.231]) [58.252.212.231]: 535 Incorrect authentication data (set_id=user1@example.com)
    => -

    Feb  7 16:00:53 host courieresmtpd: error,relay=::ffff:10.1.2.3,from=<user@yahoo.com>,to=<myuser@myhost.com>: 513 Relaying denied.
    => -

    The login page shows 530 accounts locked
    => -

    When I try to connect to the ftp server through firefox on PC, I got this message after login:" 530 authentication failed".
    => ftp:530

FileZilla's (and Xftp's) own line when it could not open the data connection is a 425 however the
server answered PASV (a ProFTPD user's transcript; a Chinese note on Xftp):

    Response:	227 Entering Passive Mode (82,160,229,97,240,110).
    Command:	MLSD
    Error:	The data connection could not be established: ECONNREFUSED - Connection refused by server
    => ftp:425

    XShell连接FTP出现`The data connection could not be established: ETIMEDOUT - Connection attempt timed out`错误
    => ftp:425

A reply text quoted as the error beside FTP words is the server's reply (an Indonesian deploy FAQ); without
FTP words "Login incorrect" is a console's too, and stays a guess:

    ### Q: Workflow saya failed dengan error "Login incorrect", apa yang salah?
    1. Verifikasi FTP username dan password di cPanel
    => ftp:530

    상태:	연결 중...
    명령:	LIST
    응답:	425 Can't open data connection for transfer of "/"
    => ftp:425

    [15:59:46] [R] TYPE I
    [15:59:46] [R] 200 Switching to Binary mode.
    [15:59:46] [R] SIZE drink_empty.png
    [15:59:46] [R] 550 Could not get file size.
    => ftp:550

    [10.10.2021 00:14:52.915] > TYPE A
    [10.10.2021 00:14:53.518] < 200 Switching to ASCII mode.
    [10.10.2021 00:14:53.518] > DELE ../512KB.zip
    [10.10.2021 00:14:53.518] < 550 Permission denied.
    => ftp:550

    2023/03/28 07:37:17 DEBUG : FTP Tx: "MKD tmp"
    2023/03/28 07:37:17 DEBUG : FTP Rx: "501 Not a valid pathname"
    => ftp:501

    <12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44 myUsername [Command] TYPE A
    <12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44 myUsername [Response] 200 Type set to A
    <12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44 myUsername [Command] LIST -a
    <12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44 myUsername [Response] 550 No such file or directory
    => ftp:550

    530 Password rejected.
    ERROR:> Not logged in.
    STATUS:> Connection closed.
    => ftp:530

    4. Use "put" command
    5. Returns error "550 Not a directory"
    (FTPii on the Wii, OS X Terminal ftp)
    => ftp:550

    # 五、报错解决
    vsftpd 的 FTP 服务报错："425 Security: Bad IP connecting."
    => ftp:425

    FTP server migration: 550 Files moved, 21 left
    => -

The console `ftp` client prints the server's replies bare, between its own lines (`Remote system type
is UNIX.`, `local: x remote: y`); an error the session went on from (a success came before the next
error) is not the news (todiadiyatmo/bash-backup-rotation-script#2 and #9):

    Using binary mode to transfer files.
    550 Can't create directory: File exists
    250 OK. Current directory is /backups
    200 TYPE is now 8-bit binary
    local: /home/backup/backup.incoming/04-05-2015-daily.tgz remote: .
    200 PORT command successful
    553 Can't open that file: Is a directory
    221-Goodbye. You uploaded 0 and downloaded 0 kbytes.
    221 Logout.
    => ftp:553

    Remote system type is UNIX.
    Using binary mode to transfer files.
    331 User backup OK. Password required
    530 Login authentication failed
    Login failed.
    530 You aren't logged in
    => ftp:530

"Too many connections", and its common typo "to many connections", quoted or called an error beside
FTP words is the server's 421 refusal of one more session; without FTP words it is as likely MySQL's
error 1040 (the typo is common in node mysql pools' `ER_CON_COUNT_ERROR` handlers), and a person's
"opens too many connections" (NoxArt/SublimeText2-FTPSync#154, PyFilesystem/pyfilesystem2#283) is no reply:

    The FTP server keeps refusing my uploads with a "to many connections" error
    => ftp:421

    console.error('DATABASE HAS TO MANY CONNECTIONS');
    => -

    FTPFS: too many connections when using upload()?
    => -

    I am finding that FTPSync appears to open too many connections.
    => -
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention
from bot.recognize.prose import UNITS, not_a_code

_TS = (
    r"(?:[A-Z][a-z]{2}, [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} )?"
    r"(?:(?:[0-9]{4}[-/.][0-9]{2}[-/.][0-9]{2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})[ T])?"  # ForkLift: 22/04/2023
    r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]{1,6})?(?:[ \t](?:GMT|UTC))?"
)
_PREFIX = (
    # pyftpdlib's `99.99.99.99:56451 ==> 426 ...` (the client's address and port, then the direction)
    r"(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}[: ][0-9]{1,5}|\[[^\]\n]{0,40}\]|[0-9]{1,3}:|I/flutter \([0-9]{1,8}\):|(?:<[0-9]>)?(?:DEBUG|INFO|NOTICE|ERROR) ?:|"
    r"(?:<[0-9/.-]{6,10} [0-9:]{5,8}(?: [AP]M)?> ?)?FTP Session [0-9]{1,8} [^ \n\[]{1,60}(?: [^ \n\[]{1,60})?|"
    + _TS
    + r")[ \t]{1,3}"
)  # rclone -vv: `2023/03/28 07:37:17 DEBUG : FTP Rx: "501 ..."`, `<7>DEBUG : FTP Tx: "STOR ..."`; FileZilla Server 1.x:
# `<12/3/2025 11:23:17 AM> FTP Session 87 11.222.33.44 myUsername [Response] 550 ...` (JackSlateur/curlftpfs#9)
# FileZilla Server 0.9's log: `(000003)04.12.2015 16:00:22 - (not logged in) (95.211.199.100)> 530 ...`, the
# session, an optional date, the user, the client's address, then the command or reply after `>`.
FZS09 = (
    r"\([0-9]{6}\)(?:[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4} [0-9:]{7,8}(?: [AP]M)? )?- "
    r"(?:\([^)\n]{1,40}\)|[^ \n()]{1,60}) \([^)\n]{1,60}\)>"
)
LABELS = (
    r"response|reply|answer|antwort|resposta|respuesta|risposta|réponse|reponse|odpowiedź|antwoord|yanıt|ответ|"
    r"응답|応答|回應|响应|回应|status|状态|狀態|server|s|res|resp|ftp rx"
)
# Client logs read here, besides FileZilla's `Response:` in its translations: FlashFXP's `[hh:mm:ss] [R] 550 ...`
# (Ubuntu Forums, "Odd vsftpd issue", 2011), WinSCP/NetBox `< 2015-09-03 15:10:09.403 220 ...`
# (michaellukashov/Far-NetBox#164), ForkLift `22/04/2023 15:12:44 [host - 0] 220 ...` (iterate-ch/cyberduck#14565),
# Transmit `1: 227: ...` after `1: Cmd: PASV` (aio-libs/aioftp#108), ftpConnect `[10.10.2021 00:14:53.518] < 550 ...` (salim-lachdhaf/ftpConnect#33),
# rclone -vv `DEBUG : FTP Rx: "501 ..."` (rclone/rclone#6879, #6793), CuteFTP's unprefixed reply beside
# `ERROR:>`/`STATUS:>` (GlobalSCAPE KB 10300), lftp `<---`, curl -v and basic-ftp `< 530 ...`
# (patrickjuchli/basic-ftp#261), short tags `RES:`/`CMD:`.
_REPLY_LINE = re.compile(
    r"^[ \t]{0,8}(?:" + _PREFIX + r"){0,2}"
    r"(?:(?:" + LABELS + r")[ \t]{0,3}[:>]|" + FZS09 + r"|<---|<--|<<<|<<|<|-->|==>|>|ftp>|ftp:"
    # Python's logging default format: `INFO:aioftp.client:550 ...`
    r"|(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[A-Za-z_][\w.]{0,60}:)?[ \t]{0,3}"
    r"(?:" + _TS + r"[ \t]{1,2})?['\"]?"
    # Amaze File Manager glues the text to the code: `501Invalid character in command`
    r"(?P<code>[1-6][0-9][0-9])(?P<sep>[ -]|:[ \t]|(?=[A-Z][a-z]{2}))(?P<rest>[^\n]{0,200})",
    re.I | re.M,
)
_COMMAND_LINE = re.compile(
    r"^[ \t]{0,8}(?:" + _PREFIX + r"){0,2}"
    r"(?:"
    + FZS09
    + r"|command|befehl|comando|commande|polecenie|commando|komut|команда|명령|コマンド|命令|指令|cmd|ftp tx|<==|>|->|-->|--->"
    r"|ftp>)[ \t]{0,3}:?>?[ \t]{0,3}['\"]?(?P<verb>[A-Za-z]{3,4})(?![A-Za-z])",
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
    re.compile(r"CompletionCode:?[ \t\"'*]{0,6}" + _R),  # FluentFTP FtpCommandException (also in Markdown bold)
    re.compile(r"FTP response " + _R + r" received"),  # Apache Commons Net
    re.compile(r"Code=" + _R + r" \("),  # ArxOne.Ftp
    re.compile(r"(?<=[A-Za-z]) [Ff]ailed: (?:open: )?" + _R),  # lftp "Access failed: 550", rclone "Put ... failed: 521"
    re.compile(r"Fatal error: " + _R + r" "),  # lftp
    re.compile(r"unexpected server response to [A-Z]{3,4}: " + _R),
    re.compile(r"(?:Invalid|Unexpected) response: \[[0-9]\] " + _R),
]
_FORM_NEEDS = ("error_", "error", "net::ftp", "net::ftp", "code: ", "completioncode", "ftp response", "code=",
               ("ftp", "rclone"), "fatal error: ", "unexpected server response", "response: [")  # fmt: skip
# Server texts that decide FTP against HTTP, and the reply they are when the number is not shown
# (PHP's `ftp_login(): Login incorrect`, FluentFTP's `FtpCommandException: Disk full ...`).
_TEXTS = [
    ("421", r"Too many connections(?: \([0-9]{1,4}\))? from this IP|maximum number of (?:users|clients)|Too many users"
            r"|No transfer timeout|Idle timeout \([0-9]{1,5} seconds\)|Login timeout \("),
    # (FileZilla's and Xftp's own line when the data connection failed: "Error: The data connection could not be
    # established: ECONNREFUSED - Connection refused by server")
    ("425", r"Can't open data connection|Failed to establish connection|Unable to build data connection"
            r"|The data connection could not be established|Security: Bad IP connecting"),
    ("426", r"Connection closed; transfer aborted|Transfer aborted\. Data connection closed"),
    # Serv-U/IIS FTP's "500 'LIST ': command not understood", vsftpd's refusal of a PORT to another address
    ("500", r"command not understood|I won't open a connection to"),
    ("522", r"session reuse required"),
    ("530", r"Login incorrect|Please login with USER and PASS|Not logged in|User cannot log in|Login authentication failed"),
    ("534", r"Use AUTH first|Policy requires SSL|Protection level negotiation failed"),
    ("550", r"Failed to change directory|Create directory operation failed|Can't change directory|File exists"
            r"|Permission denied|Access denied|No such file or directory|Operation not permitted"),
    ("552", r"Disk full - please upload later|Disk quota exceeded|Quota exceeded"),
    ("553", r"Could not create file|Can't open that file"),
]  # fmt: skip
_TEXT_RES = [(code, re.compile(r"(?<![A-Za-z])(?:" + words + r")", re.I)) for code, words in _TEXTS]
# FTP servers' syslog lines for a refused login (the client got 530): ProFTPD, vsftpd, Pure-FTPd
_SERVER_LOGIN_FAILED = re.compile(
    r"proftpd\[[0-9]{1,10}\][^\n]{0,200}\(Login failed\)|\] FAIL LOGIN: Client \"|"
    r"pure-ftpd[^\n]{0,120}\[WARNING\] Authentication failed for user"
)
# IIS 5/6's FTP log (MSFTPSVC): `12:48:44 10.0.0.5 [11]PASS user@ 530 1326` (time, client, [session]command
# argument, status, Windows error)
_MSFTPSVC = re.compile(
    r"^[0-9]{2}:[0-9]{2}:[0-9]{2} [^\s]{3,60} \[[0-9]{1,8}\][A-Za-z]{3,8} [^\n]{0,200}? "
    r"(?P<code>[1-6][0-9][0-9]) (?P<win32>[0-9]{1,10})[ \t]*$",
    re.M,
)
_ANY_TEXT = re.compile(
    r"(?=[A-Za-z])(?<![A-Za-z])(?:" + "|".join(f"(?P<c{code}>{words})" for code, words in _TEXTS) + r")", re.I
)  # all of them in one pass
_STRONG_KEYS = ("too many", "maximum number", "timeout", "data connection", "bad ip connecting", "transfer aborted",
                "session reuse", "use auth", "policy requires", "protection level", "disk full", "quota",
                "could not create", "can't open that")  # fmt: skip
_FTP_WORD = re.compile(r"(?<![sS])ftp", re.I)  # FTP, vsftpd, lftp, FtpWebRequest; not SFTP
_STRONG = ("421", "425", "426", "522", "534", "552", "553")  # FTP's wording even with no FTP word around
# A library line that carries a reply text without its number.
_NUMBERLESS = re.compile(
    r"(?:ftp_[a-z_]{2,12}\(\):|FtpCommandException:|FTPPermError|ftp-kr[^\n]{0,20}message:|\[Error: )"
    r"[ \t]{0,2}(?P<text>[^\n]{2,160})",
    re.I,
)
# A number followed by text only FTP servers send: the reply is FTP's whatever the words around.
_WORDED = re.compile(
    # (Serv-U and IIS quote the command first: "500 'LIST ': command not understood")
    r"(?=[1-6])(?<![0-9])(?P<code>[1-6][0-9][0-9])\)?[ -](?:'[^'\n]{0,30}'[ :]{0,3})?(?P<text>Transfer aborted|File unavailable|Requested (?:file )?action not taken"
    r"|Login incorrect|Not logged in|Please login with USER|Could not create file|Can't open that file|Failed to change directory"
    r"|Create directory operation failed|Can't change directory|Directory already exists|Disk full|Quota exceeded"
    r"|Too many connections|Can't open data connection|Failed to establish connection|Use PORT or PASV first"
    r"|Bad sequence of commands|Command not understood|Policy requires SSL|SSL connection failed|OOPS"
    r"|User cannot log in|Login authentication failed|Sorry, the maximum number|Illegal PORT command|Local error in processing"
    r"|Insufficient storage|Exceeded storage allocation|File name not allowed|Filename invalid|Service not available"
    r"|Idle timeout|No transfer timeout|Login timeout|Connection closed; (?:transfer aborted|aborted transfer)"
    # vsftpd's own refusals: "425 Security: Bad IP connecting.", "500 OOPS: ..." (its security checks)
    r"|Security: Bad IP connecting|I won't open a connection to)",
    re.I,
)
# In a paste about FTP: a multi-line reply's first line (`451-Error during read`), "530 ftp server error".
_MULTILINE = re.compile(r"(?=[45])(?<![0-9A-Za-z.])(?P<code>[45][0-9][0-9])-[A-Z][a-z]")
_NAMED = re.compile(
    r"(?=[1-6])(?<![0-9])(?P<code>[1-6][0-9][0-9])[ \t]ftp(?: server)? (?:error|reply|response|code)", re.I
)
# Texts Windows or Unix put after an FTP reply number; FTP's only where the paste is about FTP.
_GENERIC_AFTER = re.compile(
    r"(?=[1-6])(?<![0-9])(?P<code>[1-6][0-9][0-9])[ -](?:Permission denied|Access (?:is )?denied|No such file or directory"
    r"|Operation not permitted|File exists|file not found|Cannot create a file when that file already exists"
    r"|The system cannot find|The process cannot access the file|Unknown error [0-9]{1,5}|authentication failed"
    r"|login failed)",
    re.I,
)
# 530 beside words about logging in, in any language: FTP's "Not logged in" (HTTP's 530 is Cloudflare's origin
# DNS error or a frozen site, never a login), whatever the words around.
_LOGIN_WORDS = re.compile(
    r"(?<![A-Za-z])(?:log ?in|logon|password|passwd|authenticat|credential)|密码|登录|登陆|로그인|비밀번호|ログイン|パスワード",
    re.I,
)
# Beside FTP words, a reply quoted whole in a sentence (joedj/ftpii#2 `Returns error "550 Not a directory"`,
# a vsftpd set-up note `报错："425 Security: Bad IP connecting."`): the number and the server's text right after it
# (`returns '550 Can't open directory' error`, `出现"421 Can't connect to server"错误提示`). The text opens a quote
# or starts like a sentence (a capital, then a letter: `530 SSL is required`); "500 users" is a count, "21 port" not a reply.
_QUOTED_REPLY = re.compile(
    r"(?=[1-5])(?<![0-9A-Za-z_.,:/#$+-])(?P<code>[1-5][0-9][0-9])[ -](?P<text>[A-Za-z][A-Za-z']{1,24})(?![0-9])"
)
_OPEN_QUOTE = "'\"“‘「『«"
_CODE_530 = re.compile(r"(?=5)(?<![0-9])530(?![0-9])")
_COUNTED = re.compile(r"[ \t][a-z]{2,20}s(?![A-Za-z])")  # "530 accounts locked": a count of a plural noun
_CLOUDFLARE_530 = re.compile(r"cloudflare|1016|origin dns|frozen|pantheon", re.I)


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    low = text.lower()
    has_ftp = _FTP_WORD.search(text) is not None
    if "]" in text and ":" in text:
        for m in _MSFTPSVC.finditer(text):  # IIS 5/6 FTP log lines: the status and its Windows error
            if m.start("code") not in taken and m.group("code")[0] in "45":
                taken.update((m.start("code"), m.start("win32")))
                found.append(Mention(m.group("code"), EXPLICIT, "msftpsvc-log", m.start("code"), m.end("code"), "ftp"))
                found.append(
                    Mention(m.group("win32"), LABELLED, "msftpsvc-win32", m.start("win32"), m.end("win32"), "win32")
                )
    if has_ftp or "code" in low or "failed" in low or "error" in low:
        for pattern, need in zip(_CLIENT_FORMS, _FORM_NEEDS, strict=True):
            if not any(n in low for n in (need if isinstance(need, tuple) else (need,))):
                continue
            for m in pattern.finditer(text):
                if m.start("code") not in taken:
                    taken.add(m.start("code"))
                    found.append(
                        Mention(m.group("code"), EXPLICIT, "ftp-client", m.start("code"), m.end("code"), "ftp")
                    )
    for pattern, strength in ((_WORDED, 0.9), (_GENERIC_AFTER, 0.88 if has_ftp else 0.0)):
        if not strength:
            continue
        for m in pattern.finditer(text):
            if m.start("code") not in taken:
                found.append(Mention(m.group("code"), strength, "ftp-worded", m.start("code"), m.end("code"), "ftp"))
    if "530" in text:
        for i, m in enumerate(_CODE_530.finditer(text)):
            if i >= 8:
                break  # a few are enough: each is read the same way
            start, end = m.start(), m.end()
            if start in taken or UNITS.match(text, end) or _COUNTED.match(text, end):
                continue
            line_start = max(text.rfind("\n", max(0, start - 45), start) + 1, start - 45)
            line_end = text.find("\n", end, end + 45)
            window = text[line_start : line_end if line_end >= 0 else end + 45]
            if _LOGIN_WORDS.search(window) and not _CLOUDFLARE_530.search(text, max(0, start - 300), end + 300):
                taken.add(start)
                found.append(Mention("530", 0.88, "ftp-login", start, end, "ftp"))
    if has_ftp:
        for i, m in enumerate(_QUOTED_REPLY.finditer(text)):
            if i >= 16:
                break
            start, end = m.start("code"), m.end("code")
            word = m.group("text")
            quoted = start > 0 and text[start - 1] in _OPEN_QUOTE
            if start in taken or not (quoted or (word[0].isupper() and word[1:2].isalpha())):
                continue
            if UNITS.match(text, end) or _COUNTED.match(text[end : end + 24].lower()) or not_a_code(text, start, end):
                continue
            found.append(Mention(m.group("code"), LABELLED, "ftp-quoted", start, end, None))
        for pattern in (_MULTILINE, _NAMED):
            for m in pattern.finditer(text):
                if m.start("code") not in taken:
                    found.append(Mention(m.group("code"), 0.88, "ftp-named", m.start("code"), m.end("code"), "ftp"))
        heard: set[str] = set()
        for m in _NUMBERLESS.finditer(text):
            said = m.group("text")
            if said in heard:
                continue  # the same library line again
            heard.add(said)
            if len(heard) > 16:
                break
            t = _ANY_TEXT.search(said)
            if t:
                code = (t.lastgroup or "c")[1:]
                found.append(Mention(code, 0.86, "ftp-text", m.start("text"), m.end("text"), "ftp"))


def read_words(text: str, found: list[Mention]) -> None:
    """Reply texts with no number anywhere near (`Error: Too many connections (10) from this IP`)."""
    if any(m.family in (None, "ftp") and m.code[:1] in "456" and m.strength >= 0.8 for m in found):
        return
    if "ogin failed" in text or "FAIL LOGIN" in text or "uthentication failed for user" in text:
        m = _SERVER_LOGIN_FAILED.search(text)
        if m is not None:  # the server's own log of a refused login: it answered 530
            found.append(Mention("530", LABELLED, "ftp-server-log", m.start(), m.end(), "ftp"))
            return
    has_ftp = _FTP_WORD.search(text) is not None
    low = text.lower()
    if not has_ftp and not any(k in low for k in _STRONG_KEYS):
        return
    said: set[str] = set()
    if has_ftp and "many conn" in low:
        m = _MANY_CONNECTIONS.search(text)
        if (
            m is not None
            and not _ANY_TEXT.search(text, m.start(), m.end() + 40)
            and (
                text[m.start() - 1 : m.start()] in _OPEN_QUOTE
                or _AS_ERROR.search(text, max(0, m.start() - 24), m.end() + 24)
            )
        ):
            said.add("421")
            found.append(Mention("421", 0.8, "ftp-words", m.start(), m.end(), "ftp"))
    for m in _ANY_TEXT.finditer(text):
        code = (m.lastgroup or "c")[1:]
        if code in said or not (code in _STRONG or has_ftp):
            continue
        said.add(code)
        # beside FTP words, a reply text quoted as the error ('I get the error "Login incorrect"') is what the
        # server said; unquoted it may be the writer's own words
        quoted = text[m.start() - 1 : m.start()] in _OPEN_QUOTE and _SAID_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        )
        strength = 0.8 if code in _STRONG or quoted else 0.45
        found.append(Mention(code, strength, "ftp-words", m.start(), m.end(), "ftp"))
        if len(said) >= 3:
            break


# Beside FTP words, the servers' refusal of one more session however it is typed: Pure-FTPd/vsftpd/ProFTPD
# "421 Too many connections", and the common typo "to many connections" (robinrodricks/FluentFTP#43). Not
# without FTP words: MySQL's error 1040 is "Too many connections" too.
# Only as a message: quoted, or beside "error" ("opens too many connections" is a person's words, not a reply).
_MANY_CONNECTIONS = re.compile(r"(?<![A-Za-z])too? many (?:simultaneous |concurrent )?connections(?![A-Za-z])", re.I)
_AS_ERROR = re.compile(r"(?<![A-Za-z])error(?![A-Za-z])", re.I)
_SAID_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:error|errors|erro|fehler|erreur|get|got|getting|receive|received|says|said|message|returns?|returned)"
    r"(?![A-Za-z])",
    re.I,
)


# FileZilla tries AUTH TLS/SSL before a plain login: a refusal there followed by more of the session is not what
# failed.
_HARMLESS_BEFORE = ("AUTH",)
# Commands a client falls back from (PORT/EPRT/EPSV to PASV; OPTS/FEAT/CLNT for features it can do without): a
# refusal there is not what failed when a later error, or the client's own error line, says what did
# ("502 'port' not implemented", PASV answered, then "Error: The data connection could not be established").
_FALLBACKS = ("PORT", "EPRT", "EPSV", "OPTS", "FEAT", "CLNT")
_CLIENT_ERROR_LINE = re.compile(r"^[ \t]*(?:error|错误|錯誤|fehler|erreur|erro|errore)[ \t]*:", re.I | re.M)
_CLIENT_CLOSED = re.compile(r"remote server has closed connection", re.I)
_PROBES = (
    "SIZE",
    "MDTM",
    "MLST",
)  # clients ask these to learn whether a file exists


def _fell_back(replies: list[re.Match[str]], answered: list, i: int, later_errors: int, text: str) -> bool:
    """A refused PORT/EPSV/FEAT the client moved on from: the next reply is a success to another command (PASV's
    227), and a later error reply or the client's own error line after that says what failed."""
    if i + 1 >= len(replies):
        return False
    nxt = replies[i + 1]
    if nxt.group("code")[0] != "2" or nxt.group("code") == "221" or answered[i + 1] == answered[i]:
        return False
    return bool(later_errors) or _CLIENT_ERROR_LINE.search(text, nxt.end()) is not None


def _argument(text: str, at: int) -> str:
    """A command's argument: the rest of its line, trimmed (`CWD /test-dir` -> `/test-dir`)."""
    end = text.find("\n", at)
    return text[at : end if end >= 0 else len(text)].strip(" \t\"'")[:200]


def reply_lines(text: str, taken: set[int]) -> list[Mention]:
    """Lines of an FTP transcript that start with a reply code (`Response: 550 ...`, `< 230 ...`)."""
    replies = [m for m in _REPLY_LINE.finditer(text) if m.start("code") not in taken]
    commands = [(m.start(), m.group("verb").upper(), _argument(text, m.end())) for m in _COMMAND_LINE.finditer(text)]
    out = []
    n = len(replies)
    # From the end: how many error replies and whether a success reply follow each reply (linear).
    errors_after = [0] * (n + 1)
    ok_after = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        first = replies[i].group("code")[0]
        errors_after[i] = errors_after[i + 1] + (first in "456")
        ok_after[i] = ok_after[i + 1] or first in "23"  # the session went on (230, 331, 250 ...)
    # An error the session went on from (a success reply came before the next error): the later failure is the news
    # (the ftp command's `550 Can't change directory` on cd, then `553 Can't open that file` on put).
    recovered = [False] * n
    seen_ok = False
    for i in range(n - 1, -1, -1):
        first = replies[i].group("code")[0]
        if first in "456":
            recovered[i] = seen_ok and errors_after[i + 1] > 0
            seen_ok = False
        elif first in "23" and replies[i].group("code") != "221":  # 221 closes the session: no going on
            seen_ok = True
    # The command each reply answers (the last one before it), and whether the same command on the same absolute
    # path succeeded later (curl --ftp-create-dirs: `CWD /x` -> 550, `MKD /x` -> 257, `CWD /x` -> 250): then the
    # first refusal was the client finding its way, not the failure. (A relative path may name another file after
    # a CWD, so only paths from the root count.)
    answered: list[tuple[str, str] | None] = []
    c = 0
    for m in replies:
        while c < len(commands) and commands[c][0] < m.start():
            c += 1
        answered.append(commands[c - 1][1:] if c else None)
    succeeded_later: set[int] = set()
    ok_commands: set[tuple[str, str]] = set()
    for i in range(n - 1, -1, -1):
        cmd = answered[i]
        if cmd is None or not cmd[1].startswith("/"):
            continue
        if replies[i].group("code")[0] in "456" and cmd in ok_commands:
            succeeded_later.add(i)
        elif replies[i].group("code")[0] == "2":
            ok_commands.add(cmd)
    for i, m in enumerate(replies):
        code = m.group("code")
        taken.add(m.start("code"))
        last_command = answered[i][0] if answered[i] else ""
        if code[0] in "456":
            later_errors = errors_after[i + 1]
            later_ok = ok_after[i + 1]
            strength = EXPLICIT - 0.02 * min(3, later_errors)
            if code == "421" and _CLIENT_CLOSED.search(m.group("rest")) and i > 0 and errors_after[0] > errors_after[i]:
                strength = 0.75  # the ftp client's own line after the server hung up on an earlier error
            elif code == "550" and last_command in _PROBES and (i + 1 < n or errors_after[0] > errors_after[i]):
                strength = 0.7  # SIZE/MDTM of a file that is not there yet: a probe, not the failure (unless it is
                # the paste's only and last error: then it is what the person shows)
            elif last_command in _FALLBACKS and _fell_back(replies, answered, i, later_errors, text):
                strength = 0.7  # the client fell back; what failed comes after
            elif later_ok and later_errors and (last_command in _HARMLESS_BEFORE or code == "530"):
                strength = 0.7  # refused, then the session went on: not what failed
            elif later_ok and last_command in _HARMLESS_BEFORE:
                strength = 0.7
            elif recovered[i] or i in succeeded_later:
                strength = 0.75
        else:
            # success replies are the normal flow; the later one stands, the closer it is to what went wrong
            strength = 0.6 + 0.04 * (i + 1) / n
        out.append(Mention(code, strength, "ftp-reply", m.start("code"), m.end("code"), "ftp"))
    if len(out) > 64:  # a long transcript: the last few replies of each code say what the rest did
        kept: dict[str, int] = {}
        for mention in reversed(out):
            kept[mention.code] = kept.get(mention.code, 0) + 1
            mention.kind = "ftp-reply" if kept[mention.code] <= 8 else ""
        out = [mention for mention in out if mention.kind]
    for m in _MULTILINE.finditer(text):  # a quoted first line of a multi-line reply: "451-Error during read"
        if m.start("code") not in taken:
            taken.add(m.start("code"))
            out.append(Mention(m.group("code"), 0.88, "ftp-named", m.start("code"), m.end("code"), "ftp"))
    return out
