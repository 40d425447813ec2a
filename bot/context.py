"""Which protocol a paste is about, from the words around the numbers.

`550` is an FTP reply in a FileZilla log, nobody's business in an SMTP bounce, and (rarely) an
HTTP code elsewhere; these cues decide the family before any number is read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.recognize.ftp import FZS09

# Cues are counted from the paste's letter runs (one scan, then set lookups): four alternation
# regexes tried at every letter cost 5x more on an ordinary paste. A cue word must be a whole run
# of letters (`stor` is a cue, `store` is not), as the regexes' letter boundaries had it.
_LETTERS = re.compile(r"[a-z]+")
_FTP_WORDS = frozenset("vsftpd filezilla winscp pasv epsv stor retr mlsd nlst cwd pwd".split())
_SMTP_WORDS = frozenset(
    "esmtp mailbox recipient rcpt ehlo helo postfix exim sendmail mailkit nodemailer starttls".split()
)
# "email" alone is any page's contact line ("contact the server administrator, webmaster@..."); two make a cue.
_SMTP_WEAK = frozenset({"email"})
_HTTP_WORDS = frozenset(
    "http https iis nginx apache curl wget axios requests browser chrome firefox cloudflare alb elb api url "
    "get post put delete html aspnet".split()
)
_IIS_WORDS = frozenset(
    "iis w3wp applicationhost apppool aspnetcore ancm arr inetpub inetmgr appcmd httperr freb".split()
)
# Cues of more than one word (or with a dot): looked up as text, counted with letter boundaries.
_FTP_PHRASES = (
    "passive mode",
    "active mode",
    "data connection",
    "data channel",
    "control channel",
    "login incorrect",
    "please specify the password",
    "500 oops",
    # the BSD/Linux console `ftp` client's own lines ("Remote system type is UNIX.", "ftp> put x")
    "remote system type is",
    "using binary mode to transfer files",
    "ftp>",
    # replies only FTP servers send: vsftpd's "421 No transfer timeout (300 seconds): closing control
    # connection", FileZilla Server's "421 No-transfer-time exceeded. Closing control connection.",
    # Pure-FTPd's "421 Too many connections (8) from this IP", "534 Use AUTH first" (FTPS servers)
    "control connection",
    "no transfer timeout",
    "no transfer time",
    "no-transfer-time",
    "connections from this ip",
    "too many connections from",  # vsftpd: "421 There are too many connections from your internet address."
    "too many connected users",  # vsftpd: "421 There are too many connected users, please try later."
    "use auth first",
)
_SMTP_PHRASES = (
    "mail from",
    "mail server",
    "e-mail",
    "send mail",
    "sending mail",
    "mail commands",
    "mail action",  # RFC 5321's reply texts: "Requested mail action not taken", "Requested mail action okay"
    "port 587",
    "port 465",
    "port 25",
    # Exim's log of a failed SMTP AUTH: "dovecot_login authenticator failed for (...) [ip]: 535 Incorrect
    # authentication data", "login_saslauthd_server authenticator failed for ...: 435 Unable to authenticate"
    "authenticator failed for",
    # mail servers' own reply texts and logs: Exim's "550 No Such User Here", "550 Administrative prohibition",
    # Postfix's "(in reply to RCPT TO command)", "status=deferred", "dsn=4.0.0"
    "no such user here",
    "administrative prohibition",
    "in reply to rcpt to",
    "in reply to end of data",
    "status=deferred",
    "status=bounced",
)
_TRANSFER = frozenset(
    "upload uploads uploaded uploading download downloads downloaded downloading transfer transfers transferred "
    "transferring disconnect disconnects disconnected reconnect inactivity idle".split()
)
_TRANSFER_ZH = ("上传", "下载", "传输")
# A code that names a work or its maker: the band "Error 404", the album "Future Not Found", a novel or film called
# "404". Two of these words and nothing of the web make the number a title, not an incident.
_WORKS = frozenset(
    "album albums band bands song songs singer musician musicians lyrics debut premiere premiering concert "
    "tracklist novel novels film movie episode".split()
)
# ... and in Chinese, Japanese and Korean ("このバンドについて", "这支乐队的专辑"), each worth two: one names the work
_WORKS_CJK = ("バンド", "アルバム", "シングル", "乐队", "樂隊", "专辑", "專輯", "歌曲", "밴드", "앨범")
_HTTP_PHRASES = ("web server", "web.config", "load balancer", "asp.net")
_IIS_PHRASES = ("web.config", "app pool", "application pool", "asp.net", "failed request tracing")
_FTP_ZH = ("被动模式", "主动模式", "数据连接")
_SMTP_ZH = ("邮件", "邮箱", "收件人")
_IIS_ZH = ("应用程序池",)
_BOUNDED = {
    p: re.compile(rf"(?<![a-z]){re.escape(p)}(?![a-z])")
    for p in {*_FTP_PHRASES, *_SMTP_PHRASES, *_HTTP_PHRASES, *_IIS_PHRASES}
}
# FileZilla's `Response:`/`Command:`; CuteFTP's `STATUS:>`, `COMMAND:>`, `ERROR:>` tags.
_FTP_TRANSCRIPT = re.compile(
    # not a quoted value or an object: nodemailer's error prints `response: '535-5.7.8 ...'`, `command: 'AUTH
    # PLAIN'`; axios's prints `response: {`
    r"^[ \t]*(?:(?:response|响应|command|命令)[ \t]*:(?![ \t]*['\"{\[])|(?:status|command|error):>)",
    re.I | re.M,
)
_FZS09_LINE = re.compile(r"^" + FZS09 + " ", re.M)
_LFTP_REPLY = re.compile(r"^<--- [1-6][0-9][0-9][ -]", re.M)
# FTP's port: `ftp://host:21`, `202.141.176.99:21`, `localhost:21`, `port 21`, `端口 21`, `21端口` (not `app.js:21`).
_PORT_21 = re.compile(
    r"(?:(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}|localhost|\]|://[^/\s:@]{1,100})[ \t]?:[ \t]?21(?![0-9]|:[0-9])"
    r"|(?<![a-z])port[ \t]{0,2}[:=#]?[ \t]{0,2}21(?![0-9.])|端口[ \t:：]{0,2}21(?![0-9])|(?<![0-9.:])21[ \t]?号?端口",
    re.I,
)
# Client transcripts whose prefixes name no "Command:" (FlashFXP `[R] MLST x`, WinSCP `> 2023-05-01 ... STOR x`,
# lftp `---> STOR x`, ftpConnect `[10.10.2021 00:14:52.306] > SIZE x`, `CMD:\tMLSD`): a line that is an FTP
# command. Two different verbs make a transcript (one could be Dockerfile's `USER` or a test runner's `PASS`).
# SMTP's and POP3's shared verbs (AUTH, QUIT, NOOP, HELP, STAT) are left out.
_VERBS = frozenset(
    "user pass acct cwd cdup pasv epsv eprt port type stor stou retr appe list nlst mlsd mlst mdtm mfmt size dele "
    "rnfr rnto mkd xmkd rmd pwd xpwd syst feat opts rest pbsz prot abor site".split()
)
_COMMAND_LINE = re.compile(
    r"^[ \t]{0,8}(?:(?:\[[^\]\n]{0,40}\]|[<>.,*!] [0-9][0-9:./ -]{7,30}|[0-9][0-9:./ -]{7,30})[ \t]{1,3}){0,2}"
    r"(?:(?:CMD|Cmd|Command|COMMAND|Befehl|Commande|Comando|命令|FTP Tx|>|->|-->|--->|ftp>)[ \t]{0,3}:?>?[ \t]{0,3}\"?)?"
    r"(?P<verb>USER|PASS|ACCT|CWD|CDUP|PASV|EPSV|EPRT|PORT|TYPE|STOR|STOU|RETR|APPE|LIST|NLST|MLSD|MLST|MDTM|MFMT|SIZE"
    r"|DELE|RNFR|RNTO|MKD|XMKD|RMD|PWD|XPWD|SYST|FEAT|OPTS|REST|PBSZ|PROT|ABOR|SITE)(?:[ \t][^\n]{0,200})?$",
    re.M,
)
_SMTP_ENHANCED = re.compile(r"(?=[245])\b[245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}\b")


@dataclass(frozen=True, slots=True)
class Context:
    """How strongly the text reads as FTP, SMTP, HTTP or IIS (counts of cues, capped)."""

    ftp: int
    smtp: int
    http: int
    iis: int = 0
    transfer: bool = False  # words of moving files or of a session: upload, download, transfer, disconnect, idle
    works: int = 0  # words of music, books and films (a band called "Error 404")

    @property
    def is_a_title(self) -> bool:
        """The text is about a work or a band whose name is a code, and about nothing of the web."""
        return self.works >= 2 and self.http == 0 and self.iis == 0 and self.ftp == 0

    @property
    def is_ftp(self) -> bool:
        return self.ftp >= 1 and self.ftp >= self.http // 2

    @property
    def is_smtp(self) -> bool:
        # a mail server's log outweighs one FTP-like phrase in it (Postfix quoting "450 too many connections from
        # your IP"): three mail cues against one
        return self.smtp >= 1 and (self.ftp == 0 or self.smtp >= 3 * self.ftp) and self.smtp >= self.http


def _phrases(lower: str, phrases: tuple[str, ...]) -> int:
    return sum(len(_BOUNDED[p].findall(lower)) for p in phrases if p in lower)


def _words(words: Counter[str], cues: frozenset[str]) -> int:
    return sum(map(words.__getitem__, cues.intersection(words)))


def read_context(text: str) -> Context:
    head = text[:10000]
    lower = head.lower()
    words = Counter(_LETTERS.findall(lower))
    # `ftp` inside a run counts (proftpd, ftplib, ftps), but not in sftp (SSH's file transfer)
    ftp_runs = 0
    if "ftp" in lower:
        ftp_runs = sum(n * (w.count("ftp") - w.count("sftp")) for w, n in words.items() if "ftp" in w)
    ftp = min(6, ftp_runs + _words(words, _FTP_WORDS) + _phrases(lower, _FTP_PHRASES) + _zh(head, _FTP_ZH))
    transcript = len(_FTP_TRANSCRIPT.findall(head, 0, 10000)[:2]) if ":" in head else 0
    if transcript < 2 and sum(v.upper() in head for v in _VERBS.intersection(words)) >= 2:
        verbs = {m.group("verb") for m in _COMMAND_LINE.finditer(head)}
        if len(verbs) >= 2:
            transcript = 2
    if transcript < 2 and ")> " in head and _FZS09_LINE.search(head):
        transcript = 2  # FileZilla Server 0.9's log: `(000003)... - (not logged in) (10.0.0.5)> USER bob`
    if transcript < 2 and "<--- " in head and _LFTP_REPLY.search(head):
        transcript = 2  # lftp's debug output: `---> MKD x`, `<--- 550 ...` (its HTTP lines read `<--- HTTP/1.1`)
    if (":21" in head or ("21" in head and ("port" in words or "端口" in head))) and _PORT_21.search(head):
        ftp += 1
    smtp = (
        _words(words, _SMTP_WORDS)
        + _words(words, _SMTP_WEAK) // 2
        + _phrases(lower, _SMTP_PHRASES)
        + _zh(head, _SMTP_ZH)
    )
    if "smtp" in lower:  # smtp, smtps, smtplib, SmtpClient, SMTPSenderRefused
        # (and mail daemons' names in their log lines: Courier's `courieresmtpd: error,relay=...: 550 User unknown`)
        smtp += sum(n for w, n in words.items() if w.startswith("smtp") or w.endswith("smtpd"))
    if smtp < 6 and "." in head:
        smtp += len(_SMTP_ENHANCED.findall(head))
    http = _words(words, _HTTP_WORDS) + _phrases(lower, _HTTP_PHRASES)
    iis = _words(words, _IIS_WORDS) + _phrases(lower, _IIS_PHRASES) + _zh(head, _IIS_ZH)
    transfer = not _TRANSFER.isdisjoint(words) or "site to site" in lower or any(w in head for w in _TRANSFER_ZH)
    return Context(
        ftp=ftp + 2 * min(2, transcript),
        smtp=min(6, smtp),
        http=min(6, http),
        iis=min(2, iis),
        transfer=transfer,
        works=min(6, _words(words, _WORKS) + 2 * _zh(head, _WORKS_CJK)),
    )


def _zh(text: str, cues: tuple[str, ...]) -> int:
    return sum(text.count(c) for c in cues)
