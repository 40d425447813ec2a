"""A rendered answer, independent of where it is shown (terminal, Slack, JSON)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.result import Match

FAMILY_LABELS = {
    "http": "HTTP",
    "ftp": "FTP",
    "win32": "Win32",
    "hresult": "HRESULT",
    "curl": "curl",
    "net": "net::",
    "httperr": "HTTPERR",
    "cloudflare": "Cloudflare",
    "heroku": "Heroku",
    "envoy": "Envoy",
}
LABELS = {
    "en": {
        "cause": "Cause",
        "fix": "Fix",
        "links": "Links",
        "notes": "Notes",
        "fallback": "{asked} is not a code I know; showing its parent {code}.",
        "also": "Also",
        "ftp_sub": "IIS FTP sub-status {n}",
        "seen": "Seen in your paste:",
        "why": "Why",
        "general": "In general",
        "general_fix": "Fix (in general)",
        "other_cases": "Other causes of this code",
        "more": "More",
        "sure": "sure",
        "likely": "likely",
        "guess": "a guess",
    },
    "zh": {
        "cause": "原因",
        "fix": "解决方法",
        "links": "参考",
        "notes": "备注",
        "fallback": "未收录 {asked}，显示其上级代码 {code}。",
        "also": "另见",
        "ftp_sub": "IIS FTP 子状态 {n}",
        "seen": "你贴出的内容中：",
        "why": "原因",
        "general": "一般原因",
        "general_fix": "一般解决方法",
        "other_cases": "该代码的其他原因",
        "more": "更多",
        "sure": "确定",
        "likely": "很可能",
        "guess": "仅供参考",
    },
}
# Where a code is defined, as people say it; a standard code (rfc) needs no label.
SOURCE_LABELS = {
    "iis": "IIS",
    "iis-ftp": "IIS FTP",
    "arr": "IIS ARR",
    "ancm": "ASP.NET Core Module",
    "url-rewrite": "IIS URL Rewrite",
    "webdav": "IIS WebDAV",
    "dynamic-ip": "IIS Dynamic IP Restrictions",
    "iisnode": "iisnode",
    "windows": "Windows",
    "winhttp": "WinHTTP",
    "winsock": "Winsock",
    "sspi": "Windows SSPI",
    "microsoft": "Microsoft",
    "nginx": "nginx",
    "apache": "Apache",
    "cloudflare": "Cloudflare",
    "aws-elb": "AWS load balancer",
    "aws-alb": "AWS ALB",
    "esri": "Esri ArcGIS",
    "laravel": "Laravel",
    "curl": "curl",
    "chromium": "Chrome",
    "heroku": "Heroku",
    "envoy": "Envoy",
    "http.sys": "HTTP.sys",
}
QUIET_SOURCES = {"rfc", "iana", "informal"}
CLIENT_PRODUCTS = {"browser", "curl", "filezilla", "winscp", "lftp", "rclone", "python-ftplib", "dotnet"}
# Products (bot.knowledge.model.PRODUCTS) as people write them; the others read as they are (nginx, haproxy).
PRODUCT_LABELS = {
    "apache": "Apache",
    "iis": "IIS",
    "arr": "IIS ARR",
    "ancm": "ASP.NET Core Module",
    "http.sys": "HTTP.sys",
    "tomcat": "Tomcat",
    "kestrel": "Kestrel",
    "haproxy": "HAProxy",
    "traefik": "Traefik",
    "envoy": "Envoy",
    "istio": "Istio",
    "kong": "Kong",
    "varnish": "Varnish",
    "squid": "Squid",
    "caddy": "Caddy",
    "cloudflare": "Cloudflare",
    "aws-alb": "AWS ALB",
    "aws-elb": "AWS ELB",
    "aws-cloudfront": "CloudFront",
    "aws-apigateway": "API Gateway",
    "aws-s3": "Amazon S3",
    "azure-appgw": "Azure Application Gateway",
    "azure-frontdoor": "Azure Front Door",
    "azure-appservice": "Azure App Service",
    "gcp": "Google Cloud",
    "akamai": "Akamai",
    "fastly": "Fastly",
    "heroku": "Heroku",
    "vercel": "Vercel",
    "netlify": "Netlify",
    "iis-ftp": "IIS FTP",
    "proftpd": "ProFTPD",
    "pure-ftpd": "Pure-FTPd",
    "filezilla-server": "FileZilla Server",
    "serv-u": "Serv-U",
}
# Documentation hosts -> who wrote the page; a link reads "Microsoft: HTTP 500.19", not a cut-off URL.
DOC_HOSTS = {
    "learn.microsoft.com": "Microsoft",
    "docs.microsoft.com": "Microsoft",
    "support.microsoft.com": "Microsoft",
    "www.rfc-editor.org": "RFC",
    "rfc-editor.org": "RFC",
    "datatracker.ietf.org": "RFC",
    "tools.ietf.org": "RFC",
    "www.iana.org": "IANA",
    "developer.mozilla.org": "MDN",
    "nginx.org": "nginx",
    "docs.nginx.com": "nginx",
    "httpd.apache.org": "Apache",
    "tomcat.apache.org": "Tomcat",
    "developers.cloudflare.com": "Cloudflare",
    "support.cloudflare.com": "Cloudflare",
    "www.cloudflare.com": "Cloudflare",
    "docs.aws.amazon.com": "AWS",
    "repost.aws": "AWS re:Post",
    "aws.amazon.com": "AWS",
    "curl.se": "curl",
    "everything.curl.dev": "curl",
    "en.wikipedia.org": "Wikipedia",
    "devcenter.heroku.com": "Heroku",
    "www.envoyproxy.io": "Envoy",
    "istio.io": "Istio",
    "kubernetes.github.io": "Kubernetes",
    "cloud.google.com": "Google Cloud",
    "security.appspot.com": "vsftpd",
    "enterprise.arcgis.com": "Esri",
    "developers.arcgis.com": "Esri",
    "source.chromium.org": "Chromium",
    "chromium.googlesource.com": "Chromium",
}
VENDOR_ZH = {"Microsoft": "微软", "Wikipedia": "维基百科", "Google Cloud": "谷歌云"}
_RFC = re.compile(r"rfc(\d{3,5})(?:[^#]*#section-([\d.]+))?", re.I)
_PAGE_CODE = re.compile(r"(?<![a-z])(?:http-)?(?:error|status)-(\d{3})(?:-(\d{1,4}))?(?![\d])", re.I)
_URL = re.compile(r"^https?://([^/?#]+)([^?#]*)")


def code_label(match: Match, lang: str = "en") -> str:
    """`HTTP 401.3`, `FTP 550`, `Win32 13`, `HRESULT 0x80070021`, `IIS FTP sub-status 4`."""
    entry = match.entry
    if entry.family == "ftp" and entry.code.startswith("sub."):
        return LABELS[lang]["ftp_sub"].format(n=entry.code[4:])
    return f"{FAMILY_LABELS[entry.family]} {entry.code}"


@dataclass(slots=True)
class Answer:
    """One match rendered in one language.

    With a diagnosis, `header` leads with the case ("HTTP 502 · nginx: the upstream refused the
    connection") and `evidence`/`case_fix` are the short answer; `cause`/`fix` (the general answer),
    `other_cases`, `notes` and `links` are the rest, shown on request (More, `--full`).
    """

    id: str
    header: str
    title: str
    cause: str
    fix: list[str]
    links: list[tuple[str, str]]  # (url, label)
    notes: str
    context: str
    fallback_note: str
    lang: str
    score: float
    labels: dict[str, str] = field(default_factory=dict)
    case: str = ""  # the diagnosed case's id
    case_cause: str = ""
    case_fix: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    other_cases: list[str] = field(default_factory=list)  # titles of the code's other cases
    general_header: str = ""  # `HTTP 502 · Bad Gateway`

    @property
    def diagnosed(self) -> bool:
        return bool(self.case)

    @property
    def short_fix(self) -> list[str]:
        """The steps the short answer shows: the case's when there is one."""
        return self.case_fix if self.diagnosed else self.fix


def render(match: Match, lang: str) -> Answer:
    """Pick the meaning and language; lead with the diagnosed case; say when we fell back to a parent code."""
    m = match.meaning
    entry = match.entry
    labels = LABELS[lang]
    fallback = labels["fallback"].format(asked=match.asked, code=entry.code) if match.fallback else ""
    general = f"{code_label(match, lang)} · {m.title[lang]}"
    diag = match.diagnosis
    case = diag.case if diag else None
    others = [c.title[lang] for c in m.cases if case is None or c.id != case.id]
    urls = list(dict.fromkeys([*m.links, *entry.links]))
    return Answer(
        id=entry.id,
        header=f"{code_label(match, lang)} · {case.title[lang]}" if case else general,
        title=m.title[lang],
        cause=m.cause[lang],
        fix=list(m.fix[lang]),
        links=link_labels(urls, match, lang),
        notes=entry.notes.get(lang, ""),
        context=context_line(match, lang),
        fallback_note=fallback,
        lang=lang,
        score=match.score,
        labels=labels,
        case=case.id if case else "",
        case_cause=case.cause[lang] if case else "",
        case_fix=list(case.fix[lang]) if case else [],
        evidence=list(diag.evidence) if diag else [],
        other_cases=others,
        general_header=general,
    )


def context_line(match: Match, lang: str) -> str:
    """What a person needs to weigh the answer: where the code comes from and how sure we are ("IIS · sure")."""
    labels = LABELS[lang]
    source = match.meaning.source
    parts = [] if source in QUIET_SOURCES else [SOURCE_LABELS.get(source, source)]
    seen = match.diagnosis.products if match.diagnosis else []
    if not parts and seen and seen[0] not in CLIENT_PRODUCTS:  # a standard code: say which software answered
        parts = [PRODUCT_LABELS.get(seen[0], seen[0])]
    score = match.score
    parts.append(labels["sure"] if score >= 0.9 else labels["likely"] if score >= 0.6 else labels["guess"])
    return " · ".join(parts)


def localized_url(url: str, lang: str) -> str:
    """Chinese answers link Microsoft's zh-cn page (Microsoft Learn publishes its pages in zh-cn)."""
    if lang == "zh":
        for old in ("https://learn.microsoft.com/en-us/", "https://docs.microsoft.com/en-us/"):
            if url.startswith(old):
                return "https://learn.microsoft.com/zh-cn/" + url[len(old) :]
    return url


def link_labels(urls: list[str], match: Match, lang: str) -> list[tuple[str, str]]:
    """Each link with a label saying what it is: `Microsoft: HTTP 500.19`, `RFC 9110 §15.6.3`, `nginx: proxy_pass`."""
    out: list[tuple[str, str]] = []
    used: set[str] = set()
    sep = "：" if lang == "zh" else ": "
    for url in urls:
        m = _URL.match(url)
        host = m.group(1).lower() if m else ""
        path = m.group(2) if m else ""
        vendor = DOC_HOSTS.get(host) or host.removeprefix("www.") or url
        rfc = _RFC.search(path + url[len(url.split("#")[0]) :]) if vendor == "RFC" else None
        if rfc:
            label = f"RFC {rfc.group(1)}" + (f" §{rfc.group(2).rstrip('.')}" if rfc.group(2) else "")
        else:
            name = VENDOR_ZH.get(vendor, vendor) if lang == "zh" else vendor
            fragment = url.split("#", 1)[1] if "#" in url else ""
            named = _PAGE_CODE.search(path)
            if named:  # `.../http-error-500-19-webpage`: the page is about that code
                second = named.group(2) or ""
                joint = "/" if re.fullmatch(r"[1-5]\d\d", second) else "."  # error-502-504: two codes
                topic = f"HTTP {named.group(1)}" + (f"{joint}{second}" if second else "")
            elif fragment and re.fullmatch(r"[\w.-]{2,60}", fragment):
                topic = fragment  # `ngx_http_proxy_module.html#proxy_read_timeout`: the directive
            elif vendor not in used:
                topic = code_label(match, lang)
            else:
                topic = _slug(path) or code_label(match, lang)
            label = f"{name}{sep}{topic}"
        used.add(vendor)
        if label in {lbl for _, lbl in out}:
            label = f"{label} ({len(out) + 1})"
        out.append((localized_url(url, lang), label))
    return out


def _slug(path: str) -> str:
    """The last words of a URL path: `/docs/http/ngx_http_proxy_module.html` -> `ngx http proxy module`."""
    parts = [p for p in path.split("/") if p and p not in ("en-us", "docs", "en", "index.html")]
    if not parts:
        return ""
    last = re.sub(r"\.(?:html?|aspx|md)$", "", parts[-1])
    words = re.sub(r"[-_+]+", " ", last).strip()
    return words[:60]


def one_line(match: Match, lang: str) -> str:
    """`HTTP 500.19 · Configuration data is invalid: first fix step` for compact lists."""
    m = match.meaning
    first = m.fix[lang][0] if m.fix.get(lang) else ""
    return f"{code_label(match, lang)} · {m.title[lang]}" + (f": {first}" if first else "")
