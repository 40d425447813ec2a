"""What makes a paste read as FTP (bot.context) when no FTP word is in it, and what must not.

Each positive is a real client or chat text (source beside it); the negatives are shapes of other
producers that share a cue's letters (Dockerfile's USER, a test runner's PASS, a file:line `:21`).
"""

from __future__ import annotations

import pytest

from bot.context import read_context
from bot.engine import Engine
from bot.text import clean

FTP = [
    # FlashFXP: `[time] [R]` before commands and replies alike (Ubuntu Forums, "Odd vsftpd issue", 2011)
    '[15:59:41] [R] SYST\n[15:59:41] [R] 215 UNIX Type: L8\n[15:59:42] [R] PWD\n[15:59:42] [R] 257 "/the/path"',
    # ftpConnect (Dart): `[date time] > CMD` / `< reply` (salim-lachdhaf/ftpConnect#33)
    "[10.10.2021 00:14:53.518] > DELE ../512KB.zip\n[10.10.2021 00:14:53.518] < 550 Permission denied.\n"
    "[10.10.2021 00:14:53.519] > RNFR ../512KB.zip\n[10.10.2021 00:14:54.129] < 550 Permission denied.",
    # basic-ftp verbose output: FTP's port and `> CMD` lines (patrickjuchli/basic-ftp#261)
    "Connected to 192.168.65.89:21 (No encryption)\n< 220 Microsoft FTP Service\n\n> USER ftpuser\n"
    "< 331 Password required\n\n> PASS ###\n< 530 User cannot log in.",
    # ForkLift: `date time [host - n]` before commands and replies (iterate-ch/cyberduck#14565)
    "22/04/2023 15:12:44 [dedibackup-dc3.online.net - 0] USER sd-100219\n"
    "22/04/2023 15:12:44 [dedibackup-dc3.online.net - 0] 331 password required\n"
    "22/04/2023 15:12:44 [dedibackup-dc3.online.net - 0] PASS **********\n"
    "22/04/2023 15:12:47 [dedibackup-dc3.online.net - 0] 230 login accepted",
    # CuteFTP's `STATUS:>` / `ERROR:>` tags (GlobalSCAPE KB 10300)
    "530 Login authentication failed.\nERROR:> Not logged in.\nSTATUS:> Connection closed.",
    # the port alone: curl's `Trying host:21` (git-ftp/git-ftp#620)
    "*   Trying 11.111.111.111:21...\n< 220 (vsFTPd 3.0.2)",
    "Connecting to 10.0.0.5 port 21, then the login fails with 530",
    # replies only FTP servers send: vsftpd, FileZilla Server, Pure-FTPd, FTPS servers
    "421 No transfer timeout (300 seconds): closing control connection",
    "the server keeps dropping me: No-transfer-time exceeded. Closing control connection.",
    "Code: 503 Message: Use AUTH first.",  # FluentFTP (robinrodricks/FluentFTP#1712)
]

NOT_FTP = [
    "FROM node:18\nUSER node\nWORKDIR /app\nRUN npm ci",
    "PASS src/App.test.js\nPASS src/utils.test.js\nFAIL src/api.test.js",
    "TypeError: x is undefined\n    at handler (/srv/app.js:21:5)\n    at next (/srv/router.js:21:9)",
    "the meeting is at 10:21, port 8021 is for the admin UI",
    "ERROR 1040 (HY000): Too many connections",  # MySQL's, not FTP's
    "MAIL FROM:<a@example.com>\nRCPT TO:<b@example.com>\nDATA\nQUIT",
]


@pytest.mark.parametrize("text", FTP)
def test_reads_as_ftp(text: str) -> None:
    assert read_context(clean(text)).is_ftp, text


@pytest.mark.parametrize("text", NOT_FTP)
def test_does_not_read_as_ftp(text: str) -> None:
    assert not read_context(clean(text)).is_ftp, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a probe's refusal that ends the paste is what the person shows (salim-lachdhaf/ftpConnect#33)
        (
            "[10.10.2021 00:14:51.085] > TYPE I\n[10.10.2021 00:14:51.693] < 200 Switching to Binary mode.\n"
            "[10.10.2021 00:14:51.693] > SIZE ../notExist.zip\n[10.10.2021 00:14:52.306] < 550 Could not get file size.",
            "ftp:550",
        ),
        # rclone -vv (rclone/rclone#6879)
        (
            '2023/03/28 07:37:17 DEBUG : FTP Tx: "MKD tmp"\n2023/03/28 07:37:17 DEBUG : FTP Rx: "501 Not a valid pathname"',
            "ftp:501",
        ),
        # a reply quoted in a sentence beside FTP words (joedj/ftpii#2)
        ('1. Boot up FTPii\n4. Use "put" command\n5. Returns error "550 Not a directory"', "ftp:550"),
    ],
)
def test_ftp_replies_passive(engine: Engine, text: str, expected: str) -> None:
    matches = engine.explain(text, "passive").matches
    assert matches and matches[0].id == expected, [m.id for m in engine.explain(text).matches]


def test_reply_suffix_zh(engine: Engine) -> None:
    # "FTP 250响应": the reply named by 响应 after it (1.skwkw.cn, "ftp250报错"); a response time is not one
    best = engine.explain("本文将深入探讨FTP 250响应的真实含义").best
    assert best is not None and best.id == "ftp:250"
    assert engine.explain("FTP 服务器平均 200 响应时间太长", "passive").matches == []


def test_the_console_ftp_clients_own_lines_make_it_ftp(engine: Engine) -> None:
    """A transcript of the BSD/Linux `ftp` client (symfonos2 write-up): its own lines say FTP, not HTTP."""
    text = (
        "ftp 10.0.2.11\nConnected to 10.0.2.11.\n"
        "Name (10.0.2.11:kali): \n331 Password required for kali\nPassword:\n530 Login incorrect.\nLogin failed.\n"
        "Remote system type is UNIX.\nUsing binary mode to transfer files.\nftp> site help"
    )
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:530"


@pytest.mark.parametrize(
    "text",
    [
        # lftp's own error lines: `<command>: Access failed: <reply>` (a kernel.org mirror session, a CTF write-up)
        "lftp ftp.cz.kernel.org:/pub/linux/kernel/v2.5> get patch-2.5.29.bz2\n"
        "get: Access failed: 550 Failed to open file. (patch-2.5.29.bz2)",
        "lftp test3@ftp.crossfit.htb:/> cd dev\ncd: Access failed: 550 Failed to change directory. (/dev)",
        # lftp's debug output: `---> STOR`, `<--- 550 ...`
        "---> STOR protocol7_manifesto.txt\n<--- 550 Permission denied.",
    ],
)
def test_a_reply_only_ftp_has_with_its_words_is_answered_unprompted(engine: Engine, text: str) -> None:
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:550"


@pytest.mark.parametrize(
    "text",
    [
        "- [-550~-20]  <--- 550 ~ 20 BCE",  # a timeline syntax's docs
        "we served 550 Customers last month",
        "S: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
    ],
)
def test_numbers_that_are_not_ftp_replies_stay_silent(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []


def test_a_transcript_quoted_with_markdowns_marks_is_still_read(engine: Engine) -> None:
    """GitHub users quote logs with `> ` on every line, commands and replies alike (a ProFTPD session)."""
    lines = [
        "ftp> ls",
        "229 Entering Extended Passive Mode (|||45683|)",
        "150 Opening ASCII mode data connection for file list",
        "226 Transfer complete",
        "ftp> get index.html",
        "550 index.html: Permission denied",
    ]
    text = "\n".join("> " + line for line in lines)
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:550"


def test_a_server_log_with_the_clients_address_and_arrows(engine: Engine) -> None:
    """Zope's/pyftpdlib's FTP log: `ip port <== command`, `ip port ==> reply` (a patch's docstring)."""
    text = (
        "    61.171.153.131 4205 <== PWD\n"
        '    61.171.153.131 4205 ==> 257 "/" is the current directory.\n'
        "    61.171.153.131 4205 <== CWD /nhd/gongsiziliao/danju/??/\n"
        "    61.171.153.131 4205 ==> 550 No such directory."
    )
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:550"
    assert (
        engine.explain("# 매개변수가 2개인 함수를 호출한 결과 ==> 550 ... 이렇게 출력하시오", "passive").matches == []
    )


def test_a_bare_code_only_ftp_has_among_ftp_words_is_the_reply(engine: Engine) -> None:
    """An FTP session described in a bug report: commands, then the bare number the server gave (550 is no HTTP code)."""
    text = "cURL execs some commands on the FTP server:\nCWD / - successful\nCWD upload - access denied 550"
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:550"
    assert engine.explain("cURL execs some commands on the FTP server, then 500 more", "passive").matches == []


def test_pythons_logging_prefix_before_a_reply(engine: Engine) -> None:
    """aioftp logs each reply through Python's default logging format: `INFO:aioftp.client:<reply>`."""
    text = "INFO:aioftp.client:220 Welcome\nINFO:aioftp.client:STOR backup.tar\nINFO:aioftp.client:553 Could not create file."
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:553"


@pytest.mark.parametrize(
    "text",
    [
        # ProFTPD, vsftpd and Pure-FTPd log a refused login; the client was answered 530
        "Mar  5 10:21:33 ftp proftpd[2231] ftp.example.com (10.0.0.9[10.0.0.9]): USER bob (Login failed): "
        "Incorrect password",
        'Tue Mar  5 10:21:33 2024 [pid 4123] [bob] FAIL LOGIN: Client "::ffff:10.0.0.9"',
        "Mar  5 10:21:33 ftp pure-ftpd: (?@10.0.0.9) [WARNING] Authentication failed for user [bob]",
        # IIS 5/6's FTP log: [session]command argument status win32-status
        "10:02:11 10.0.0.9 [7]USER bob 331 0\n10:02:11 10.0.0.9 [7]PASS - 530 1326",
    ],
)
def test_ftp_servers_logs_of_a_refused_login(engine: Engine, text: str) -> None:
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "ftp:530", [(m.id, m.score) for m in engine.explain(text).matches]
