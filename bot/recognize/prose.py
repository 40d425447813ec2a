"""People and generic error strings: a number read by the words standing around it.

This is the reader of last resort: chat ("we get random 502 errors", "登录返回401"), error strings
of software no other reader knows ("Error 522", "status code 429", "HTTP 错误 500.19") and bare
numbers. Numbers that are not codes (versions, ports, durations, counts, byte counts, line:column)
are filtered by what stands around them, not by value. Positions other readers took are skipped.

Examples (tests/test_recognize.py runs each through the engine):

    HTTP 错误 500.19 - Internal Server Error
    => http:500.19

    I get random 502 errors even when all the containers are healthy
    => http:502

    登录返回401， 我将服务部署在公司自己搭建的云上
    => http:401

    Ich bekomme beim Zugriff einen 403 Fehler
    => http:403

    We have 500 users and the p99 is 401 ms on port 443
    => -

    When your token expires/is wrong before the cookie expires, you can get a 401. When that happens, dump the token.
    => http:401

    It's been throwing a 502 gateway error since sometime yesterday.
    => http:502

    IIS 环境 经常503
    => http:503

    网关经常 504
    => http:504

    the upload fails and I get 413
    => http:413

    网站403了
    => http:403

    There is an error during FTP Publishing. Its error code is 550.
    => ftp:550

    cdn 回源 502
    => http:502

    nginx replies with a '413 entity too large' with pretty much default configuration. any ideas?
    => http:413

    选择添加音乐后报错，提示Request Entity Too Large(#413)
    => http:413

    PUT /api/eventos/1 -> 405 · allow: GET, HEAD, OPTIONS, TRACE · Content-Type: text/html · sin headers CORS
    => http:405

    I get the following error code and message: 550 unable to open /Freebox/Test for writing.
    => ftp:550

    Fix the upload size check (#413)
    => -

    iisexpress stdout: Request ended: http://localhost:50948/HelloWorld with HTTP status 500.30
    [Warning] StatusCode: 500, ReasonPhrase: 'Internal Server Error', Version: 1.1
    => http:500.30

    HTTP Error 500.12345 - Internal Server Error
    => http:500

    Error Summary
    Error Type: 503 Service Unavailable
    Source: Envoy/Kourier Gateway
    => http:503

    **Error**: `NameError: name 'tax_amount' is not defined`
    **Status Code**: 500 Internal Server Error
    => http:500

    Why: the 502 comes from awselb/2.0 with content-length 0 -- the request body
    is never processed -- while nginx on the same host is healthy.
    => http:502

    Is there any way of trapping the 500 server error that occurs when the IIS server is incorrectly configured
    => http:500

    Apache responds locally but Front Door returns 502
    => http:502

    However, when the token is expired and the server/backend responds
     with 502; the Network tab in DevTools shows a 502
    => http:502

    we often get 404.15 on  http://xxx.xxx/signalr/poll?transport=xxxx
    => http:404.15

    the 500 users we onboarded last week all logged in
    => -

    I'm getting intermittent 502s from nginx in front of a gunicorn Flask app under load. What could cause it?
    => http:502

    Codeberg has been returning lots of 504s and 502s, making downloads difficult.
    => http:504

    the worker is killed after a 300s timeout
    => -

    ### 503 Service Unavailable
    - **Message**: "OpenSearch cluster is not healthy"
    => http:503

    This was fixed in #503, please update
    => -

    Alex: Okay so who is taking the auth bug? We have users reporting 502s on Safari.
    => http:502

    ## 2. java-grpc 调用kubeapps安装granafa时报502的错误,而其他应用能够正常安装
    => http:502

A code after "HTTP/" with no version, after "status code of", and after an article in another language
beside a label or a server (Spacewalk's setup notes; a write-up on an Oracle Fusion report; a French
SQL migration's comment; a German README):

    * Accessing the webui returns HTTP/404 and shows the following exception:
    => http:404

    Because the dataset was very large, the client was sometimes receiving an HTTP status code of 500 with the message Internal Server Error as a response.
    => http:500

    -- ⚠ Pas de verdict sur le seul code HTTP : le 403 de Gmail couvre aussi
    => http:403

    Zu diesem Zeitpunkt sind die Admin-API und der `/mcp`-Endpunkt aktiv, aber der
    **Wurzelpfad (`/`) liefert einen 502** — das ist der erwartete „Backend-only“-Zustand,
    => http:502
"""

from __future__ import annotations

import re

from bot.recognize.base import BARE, EXPLICIT, HINTED, JA_SHOWN, LABELLED, NUM, Mention, code_of

_NUMBER = re.compile(r"(?<![0-9])" + NUM + r"(?![0-9])")
# Chinese "still", "became", "is" before a number say only that a value is what it is ("价格还是500。",
# "超时时间设置为500，") unless the thing that has it is a page, an address or a status ("访问后还是404",
# "访问任何页面为404"): hints, made sure only beside _ZH_WEB_SUBJECT.
_ZH_STILL = frozenset("还是 仍然 依然 依旧 照样 又是 又 也是 变成 变成了 变为 成了 都是 全是 为".split())

_ADVERB = r"(?:just|now|still|always|keeps?|started|starts)"
_VERB = (
    r"(?:returns?|returned|returning|gives?|gave|giving|throws?|threw|says|said|responds?(?: with)?|answers?(?: with)?|"
    r"sends?|sent|shows?|showed|showing|serves?|served|spits? out|errors? with|fails? with|failed with)"
)
# What may stand right before a code, tried on a short window ending at the number, lower-cased: without
# re.I the regex engine skips an alternative at its first letter (2x faster; the patterns are lower-case).
_BEFORE = re.compile(
    r"(?:"
    r"(?P<iis>detailed error[ \t]{0,3}-[ \t]{0,3})"
    r"|(?P<http>(?<![A-Za-z])https?(?:[ \t]?/?[ \t]?[12](?:\.[01])?|/)?[ \t]{0,3}"
    r"(?:error|错误|錯誤|status|状态|状态码|code|response|statuscode)?[ \t]{0,3}(?:code)?[ \t]{0,2}[:=#-]?[ \t]{0,2})"
    r"|(?P<ftp>(?<![A-Za-z])ftp[ \t]{0,3}(?:[a-z]{2,12}[ \t]{1,2})?(?:error|错误|reply|response|code)?[ \t]{0,3}[:=#-]?[ \t]{0,2})"
    r"|(?P<product>(?<![A-Za-z])(?:(?:nginx|apache|iis|cloudflare|cf|alb|elb|slb|clb|nlb|cdn|waf|traefik|haproxy|envoy|istio|caddy|"
    r"tomcat|kestrel|gunicorn|uwsgi|php-fpm|api gateway|ftp|front ?door|akamai|fastly|varnish|kong|squid|cloudfront|"
    r"app(?:lication)? gateway|apim|ingress|openresty)(?:[ \t]{1,2}" + _ADVERB + ")?(?:[ \t]{1,2}" + _VERB + ")?"
    r"|(?:gateway|proxy|lb|load balancer|server|backend|upstream|origin|site|app|api)(?:[ \t]{1,2}" + _ADVERB + ")?"
    r"[ \t]{1,2}" + _VERB + r")(?:[ \t]{1,2}(?:a|an|me|us))?[ \t]{1,2})"
    r"|(?P<status>(?:(?:error )?code and (?:error )?message|status[ _-]?code|statuscode|status of|returned error|status"
    r"|error[ _-]?type|error[ _-]?status|response[ _-]?status|failure[ _-]?code"
    r"|c[oó]digo(?: de (?:estado|status|erro|error|resposta|respuesta))?(?: http)?|code d'erreur|fehlercode|statuscode"
    r"|response code|return code|error code"
    # "a response code of 429 means ...", "returns a status code of 503"
    r"|(?:response|status|error|return) code of"
    # clients that expected a success: "Cloudflare API returned non-200: 400", "got non-2xx status 503"
    r"|non-2(?:00|xx)(?: status(?: code)?| response)?"
    r"|errorcode|http_code|http code|elb_status_code|target_status_code|状态码|状态代码|返回码|错误代码|错误码|响应码)\\?['\"]?"  # (a JSON document escaped inside a string: `\"elb_status_code\":\"403\"`)
    r"[ \t]{0,3}[:=(]?[ \t]{0,3}\\?['\"]?)"
    # "its error code is 550", "an error which is 425", "the status was 503"
    r"|(?P<said_is>(?<![A-Za-z])(?:error code|status code|error|status|reply|response code)[ \t](?:which[ \t]|that[ \t])?"
    r"(?:is|was)[ \t]{1,2})"
    # (also a JSON key: `{"code":401,"msg":"..."}`)
    r"|(?P<error>(?:exception|(?<![A-Za-z])(?:error|errores|err|fehler|erreur|erreurs|errore|errori|erro|erros|code|response|reply|lỗi)"
    r"['\"]?|错误|錯誤|报错|报|响应|应答|状态|返回|(?<![а-я])(?:ошибка|ошибку|ошибки|ошибкой|код ошибки|код ответа|код))"
    r"[ \t]{0,3}[:=#-]?[ \t]{0,3}[\"'“]?)"
    r"|(?P<got_a>(?<![A-Za-z])(?:get|gets|got|getting|receive|received|receiving|returns?|returned|returning|throws?|"
    r"threw|throwing|gives?|gave|giving|hit|hitting|hits|served|serving|responds? with|responded with|replies with"
    r"|replied with)[ \t]{1,2}(?:a|an)[ \t]{1,2}[\"']?)"
    # zh: the thing that broke, then the code ("网站403了", "官网首页 500 了", "cdn 回源 502")
    r"|(?P<zh_subject>(?:网站|官网|首页|页面|接口|站点|后台|服务|回源)[ \t]{0,2})"
    # "which is throwing 404", "the API threw 500": a thrown code is an error (without an article too)
    r"|(?P<thrown>(?<![A-Za-z])(?:throws|threw|throwing|is throwing|are throwing)[ \t]{1,3})"
    r"|(?P<hint>(?<![A-Za-z])(?:get|gets|got|getting|receive|received|receiving|returns?|returned|returning|throw|"
    r"gives?|gave|giving|shows?|showed|showing|see|seeing|hit|hitting|a|an|with"
    # the same article in other languages: "nginx lanza un 502", "accompagné d'un code HTTP : le 404"
    r"|un|une|una|um|uma|ein|einen|einem|eine|le|el)[ \t]{1,3}"
    r"|(?:出现|显示|提示|返回|遇到|失败|报错|错误|经常|总是|一直|老是|偶尔|频繁|时不时|动不动就?"
    # "访问后还是404", "访问任何页面为404", "刷新又是502", "全部变成了503"
    r"|发生|" + "|".join(sorted(_ZH_STILL, key=lambda w: (-len(w), w))) + r")[ \t]{0,3})"
    r")$",
    # no re.I: see above
)
_HAS_WORD = re.compile(r"[A-Za-z\u0400-\u04ff\u4e00-\u9fff]")
_SIGNS = re.compile(r"[#$~§]")
_AFTER_ERROR = re.compile(
    r"[`'\"”]?[ \t]{0,2}(?:error|errors|'s|的?错误|的?錯誤|的?报错|response|status|page|codes?|http (?:status )?codes?|http status|status codes?|fehler|erreur"
    r"|errore|에러|오류|エラー|响应码|状态码|返回码|错误码|응답|応答|ошибк[аиуеой]|ошибок"
    # "这个 530 响应", "返回 550 应答": the reply itself (not "200 响应时间", a response time)
    r"|(?:响应|應答|应答|回應)(?!时间|時間|速度|时长|頭|头|体|體))(?![A-Za-z])",
    re.I,
)
_AFTER_GOOGLE = re.compile(r"\.?[ \t]{0,2}that'?s an error", re.I)  # Google front ends: "502. That's an error."
_AFTER_OK = re.compile(r"(?![0-9A-Za-z_]|[.,][0-9]|:[0-9]|/[0-9])")
_BEFORE_OK = re.compile(
    r"[^0-9A-Za-z_.,:/#$§+\-\\~]$|(?:^|[ \t*(])_$|[^\x00-\x7f][:,.]$"
)  # `**_504 Gateway Time-out_**`: emphasis; `粗体字:502`, `提示，413` (its comma folded to ASCII): after CJK words
# "the error is a straight 404 and not a 404.15": a code the writer rules out is not what they saw.
# ... nor one it says should have come instead ("should return 404 but returns 500", "expected a 200")
_NEGATED = re.compile(
    r"(?<![a-z])(?:not|isn't|wasn't|rather than|instead of|no longer|not (?:showing|getting|returning|giving)|"
    r"should(?:n't)?[ \t](?:have[ \t])?(?:return|returned|be|give|"
    r"respond with|get)|supposed to (?:return|be)|expected|expecting)(?:[ \t]{1,2}(?:a|an|the))?[ \t]{1,2}[\"'“‘]?$"
)
_NEGATION_KEYS = ("not", "n't", "rather", "instead", "longer", "should", "suppos", "expect")  # one is in every _NEGATED
_KINDS = {
    "iis": EXPLICIT,
    "http": EXPLICIT,
    "ftp": EXPLICIT,
    "status": EXPLICIT,
    "error": LABELLED,
    "product": LABELLED,  # "nginx returns 413", "cloudflare 524", "ftp says 530"
    "zh_subject": HINTED,
    "said_is": LABELLED,
    "thrown": 0.82,
    "got_a": 0.82,  # "you can get a 401", "it's been throwing a 502": an article makes the number a thing received
    # (only when no noun follows it: "we got a 500 person team" is a count, see _GOT_A_END)
    "hint": HINTED,
}
# Units of measure (singular or plural) and counted nouns (plural only: "450 File unavailable" is a reply,
# "450 files" a count).
UNITS = re.compile(
    r"[ \t]{0,2}(?:ms|s|sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|kb|mb|gb|tb|kib|mib|"
    # (no `em` or `pt`: after a space they are Portuguese, "erro 403 em produção"; glued, _AFTER_OK drops them)
    r"gib|bytes?|b|users|requests|reqs|rps|qps|%|px|dpi|times|commits|players|people|rows|lines|files|"
    r"items|pages|records|connections|concurrent|threads|workers|nodes|members|messages|tokens|words|"
    r"chars|characters|dollars|usd|eur|rmb|points|stars|downloads|views|km|miles?|k|servers|instances|pods|"
    r"partitions|machines|hosts|clients|sessions|tickets|issues|results|entries|objects|documents|"
    r"pm|calls|\(k\)|元|人|个|次|台|毫秒|秒|"
    r"分钟|小时|天|行|条|字节|字符|字|号端口|端口|位|块|\$|€|¥|£)(?![a-z])",
    re.I,
)
_BEFORE_NOT_CODE = re.compile(
    r"(?<![A-Za-z])(?:port|ports|端口|udp|tcp|version|ver|v|weight|font-weight|pid|line|row|page|step|chapter|section|§|room|"
    r"issue|pr|pull|no\.|number|id|exit code|exited with code|exit status|errno|x|size|width|height|top|left|"
    r"timeout|delay|limit|max|min|count|around|about|over|under|than|only|approximately|nearly|~|(?<!#)#(?=$)|\$|"
    r"长度|大小|数量|数|共|length)"
    r"[ \t]{0,2}[:=]?[ \t]{0,2}\Z",  # \Z: "issue" ending the line above is no "issue 503" (`$` allows a final newline)
    re.I,
)
# "a 502 gateway error", "the 504 timeout error": the number, a word of its kind of reason, then "error" (singular:
# "300 timeout errors" is a count).
_AFTER_REASON_ERROR = re.compile(
    r"[ \t](?:bad[ \t])?(?:gateway|timeout|time-out|timed out|server|internal|proxy|forbidden|unauthorized|auth|"
    r"authentication|permission|not found|unavailable|service|bad request|access|redirect|rate limit|too many requests)"
    r"[ \t](?:error|错误|에러)(?![A-Za-z])",
    re.I,
)
# What may follow "got a 502" for it to be a status: the end of the clause, or a word that is not its noun.
_GOT_A_END = re.compile(
    r"[ \t]{0,2}(?:$|[.,;:!?()\]'\"]|(?:error|errors|response|status|page|code|back|again|from|when|on|for|with|in|at|"
    r"entity|too|not|bad|gateway|internal|forbidden|unauthorized|service|"
    r"after|and|or|but|if|because|while|instead|so|then|which|that|sometimes|randomly|every|each|now|here|there|too|"
    r"even|only|once|twice)(?![A-Za-z]))",
    re.I | re.M,
)
# An address that "404s": `http://mumble.faith/roadmap 404s, so people cannot see the roadmap`
_URL_BEFORE = re.compile(r"(?:https?://|/)[^\s]{1,200}[ \t]\Z")
# A code written together with the start of its own reason phrase (a lost space): "500Internal Server Error".
_GLUED_REASON = re.compile(
    r"Internal Server|Bad Gateway|Gateway|Service Unavailable|Not Found|Forbidden|Unauthorized|Bad Request"
)
_GLUED_CODES = {
    "Internal Server": ("500",), "Bad Gateway": ("502",), "Gateway": ("502", "504"), "Service Unavailable": ("503",),
    "Not Found": ("404",), "Forbidden": ("403",), "Unauthorized": ("401",), "Bad Request": ("400",),
}  # fmt: skip
# "404s on IIS", "502s from nginx", "lots of 504s behind the ALB": errors counted by their code, and where from
_PLURAL_FROM = re.compile(
    r"[ \t]{1,2}(?:on|from|in|behind|at|through|via)[ \t]{1,2}(?:the[ \t]{1,2}|our[ \t]{1,2}|my[ \t]{1,2})?"
    r"(?:nginx|apache|iis|cloudflare|cloudfront|alb|elb|traefik|haproxy|envoy|istio|caddy|tomcat|kestrel|gunicorn"
    r"|uwsgi|api gateway|load balancer|reverse proxy|cdn|akamai|fastly|varnish|kong|ingress|openresty)(?![A-Za-z])",
    re.I,
)
# A server product named on the same line makes a hinted number its status: "IIS 环境 经常503",
# "经常出现 503 ... from cloudfront".
_PRODUCT = re.compile(
    r"(?<![A-Za-z])(?:nginx|apache|iis|cloudflare|cloudfront|alb|elb|traefik|haproxy|envoy|istio|caddy|tomcat|kestrel"
    r"|gunicorn|uwsgi|php-fpm|api gateway|load balancer|reverse proxy|cdn|slb|waf|front ?door|akamai|fastly|varnish"
    r"|kong|squid|app(?:lication)? gateway|apim|ingress|openresty|http\.sys)(?![A-Za-z])|网关|负载均衡|反向代理",
    re.I,
)
# Words that make the line around a hinted number a report of a failure: "the upload fails and I get 413".
_ERROR_CLAUSE = re.compile(
    r"(?<![A-Za-z])(?:fails?|failed|failing|failure|errors?|broken|crash(?:es|ed|ing)?|exception|not working"
    r"|doesn't work|does not work|won't load)(?![A-Za-z])|失败|报错|异常|出错|错误|挂了|에러|오류|エラー",
    re.I,
)
_ZH_WENT = re.compile(r"[ \t]{0,2}了")
# After a Chinese hint ("显示404", "网站403，"), the clause ending at the number makes it the thing reported.
# The subjects that make a Chinese "still"/"is" before a number (_ZH_STILL) a status: a page, an address, a status
_ZH_WEB_SUBJECT = re.compile(r"页面|网页|网站|站点|首页|接口|访问|打开|请求|状态码|状态|响应|返回|服务|链接|地址")
_ZH_CLAUSE_END = re.compile(r"[ \t]{0,2}(?:$|[，。！？；：、,.!?;:)）]|页面|错误|报错|状态|问题)", re.M)
# Korean and Japanese put the verb after the code, joined by a particle: "접속 시 502가 뜨는 현상", "계속 504가
# 납니다", "APIを叩くと403が返ってきます", "500が発生します" (a counter between them is a count: "500개", "3件").
_AFTER_CJK_VERB = re.compile(
    r"[ \t]?(?:가|이|는|은|를|을|도|로만|으로만|로|으로)[ \t]?(?:(?:여전히|계속|자꾸|또|다시|가끔|자주)[ \t]{1,2})?"
    r"(?:뜨|뜬|뜹|떠|떴|발생|반환|리턴|응답|에러|오류)"
    r"|[ \t](?:반환|발생|리턴)"  # without a particle: "ELB에서 404 반환", "502 발생"
    # (or quoted: "「503」と表示され", "displayed as 503")
    r"|" + JA_SHOWN
)
# "the 500 server error that occurs", "The 503 comes from HTTP.sys": a determiner makes the number a thing, and
# what follows it says which (a unit after it is still a count: "the 500 users").
_DETERMINER = re.compile(r"(?<![a-z])(?:the|this|that|these|those|any|every|same|such)[ \t]{1,2}$")
_AFTER_VERB = re.compile(
    r"[ \t]{1,2}(?:comes?|came|is coming|(?:is|was|gets?|got) (?:returned|thrown|sent|served)|happens?|happened|occurs?"
    r"|occurred|appears?|appeared|shows? up|persists?|went away|goes away|disappears?|disappeared)(?![A-Za-z])",
    re.I,
)
_COUNTED = re.compile(
    r"(?<![a-z])(?:lots of|a lot of|tons of|a bunch of|bunch of|many|some|random|intermittent|occasional|frequent|"
    r"constant|sporadic|more|few|all the|seeing|getting|receiving|throwing|returning|serving|reporting|reported|"
    r"hitting|causing|cause|percentage of|number of|rate of|share of|spike of|spike in|burst of|handful of|% of|"
    r"mix of|and also)"
    r"[ \t]{1,2}$"
)
# A mid-sentence line break (text wrapped by a mail client or an issue form): "the backend responds\n with 502".
_WRAP = re.compile(r"(?<=[a-z,])[ \t]*\n[ \t]*(?=[a-z]|\Z)")
# A request and what it got, in prose: "PUT /api/eventos/1 -> 405", "GET /health => 503".
_REQUEST_ARROW = re.compile(
    r"(?<![A-Za-z])(?:GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS)[ \t]{1,2}/[^ \t\n]{0,200}[ \t]{0,2}(?:->|=>|→)[ \t]{0,2}$"
)
# A reason phrase with its number in brackets: "Request Entity Too Large(#413)"; the engine keeps it only when the
# words before are that code's own phrase.
_PAREN_AFTER_WORDS = re.compile(r"[A-Za-z][ \t]?\(#?$")
# "code HTTP", "HTTP status" a few words before a hinted number
_HTTP_LABEL = re.compile(
    r"(?<![A-Za-z])(?:code|c[oó]digo|codice|statut|status|état)[ \t]{1,2}https?(?![A-Za-z])"
    r"|(?<![A-Za-z/])https?[ \t]{1,2}(?:code|status|статус|코드)",
    re.I,
)
# "http/" inside an address or a path: `/docs/http/`, `errors.http/`
_IN_PATH = re.compile(r"[/.\\]https?/\Z", re.I)
_SECONDARY = re.compile(r"[ \t]{0,3}[\w -]{0,40}?error was encountered while trying to use an errordocument", re.I)


def _page_above(text: str, start: int) -> bool:
    """Apache's page stands above its "Additionally, a 500 ..." line (its own status, in words or a number); a
    paste that starts at that line shows only the second error."""
    return len(text[:start].strip(" \t\n#>*")) > 20


def _plain(before: str) -> str:
    """The words before a number as `_BEFORE` reads them: lower case, Markdown emphasis and code marks
    dropped (`**Error Code**: 524`, ``returns `550 ...` ``), a wrapped line joined."""
    plain = before.lower().replace("*", "").replace("`", "")
    return _WRAP.sub(" ", plain) if "\n" in plain else plain


def not_a_code(text: str, start: int, end: int) -> bool:
    """Units after it, an errno `(110: Connection timed out)`, or words like `port`, `#` before it."""
    if UNITS.match(text, end):
        return True
    if start > 0 and text[start - 1] == "(" and text.startswith(": ", end):
        return True
    window = text[max(0, start - 24) : start]
    if not _HAS_WORD.search(window) and not _SIGNS.search(window):
        return False
    return bool(_BEFORE_NOT_CODE.search(window))


_LABEL_WORD = re.compile(r"http|status|error|code|ftp|response|reply|错误|状态|响应|返回", re.I)


def _line_of(text: str, start: int, end: int) -> str:
    """The line around a number, at most 80 characters either side."""
    left = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    right = text.find("\n", end, end + 80)
    return text[max(left, start - 80) : right if right >= 0 else end + 80]


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    seen: dict[str, int] = {}
    glued_found: list[Mention] = []
    # the words before a number, read once per distinct window (a repeated line asks the same questions once):
    # the kind of label they make, and whether they rule the number out
    before_memo: dict[str, tuple[re.Match[str] | None, bool]] = {}
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if start in taken:
            continue
        seen[m.group(0)] = repeats = seen.get(m.group(0), 0) + 1
        if repeats > 64:
            continue  # the engine keeps four mentions a code; sixty-four readings have said all there is
        if repeats > 8 and not _HAS_WORD.search(text, max(0, start - 32), start):
            continue  # "500 500 500 ...": past a few, only a labelled mention can add anything
        if repeats > 32 and not _LABEL_WORD.search(text, max(0, start - 32), start):
            continue  # the engine keeps a few per code; past that only a labelled one can be stronger
        sub = m.group("sub")
        nxt = text[end : end + 2]
        if sub is not None and nxt[:1] == "." and nxt[1:2].isascii() and nxt[1:2].isdigit():
            continue  # 9.0.100: a version
        before = text[max(0, start - 32) : start]
        plural = sub is None and nxt[:1] == "s" and not text[end + 1 : end + 2].isalpha() and m.group(0)[0] in "45"
        if not plural and not _AFTER_OK.match(text, end) and (sub is None or (nxt[:1].isascii() and nxt[:1].isdigit())):
            glued = _GLUED_REASON.match(text, end) if nxt[:1].isupper() else None
            if glued is not None and m.group(0) in _GLUED_CODES.get(glued.group(0), ()):
                # "got error 500Internal Server", "504Gateway错误": the code glued to its own reason phrase
                glued_found.append(Mention(code_of(m), 0.82, "glued-reason", start, end, "http"))
            continue  # 500ms, 401k, 502:12 — glued to a unit or a line:column
        if before in before_memo:
            k, negated = before_memo[before]
        elif _HAS_WORD.search(before):
            plain = _plain(before)
            negated = any(w in plain for w in _NEGATION_KEYS) and _NEGATED.search(plain) is not None
            k, negated = before_memo[before] = _BEFORE.search(plain), negated
        else:
            k, negated = before_memo[before] = None, False
        if plural:
            # "getting 503s across my APIs", "lots of 502s": errors counted by their code; "a 300s timeout" is
            # seconds (only 4xx/5xx, and only after words that count or receive things)
            if (
                (k is not None and k.lastgroup in ("hint", "got_a", "product", "said_is", "thrown"))
                or _COUNTED.search(before.lower())
                or _PLURAL_FROM.match(text, end + 1)
                or _URL_BEFORE.search(before)
            ):
                found.append(Mention(code_of(m), 0.82, "plural", start, end, None))
            continue
        kind, strength, family = "bare", BARE, None
        if k is None and "/" in before and _REQUEST_ARROW.search(text, max(0, start - 220), start):
            found.append(Mention(code_of(m), LABELLED, "request-arrow", start, end, "http"))
            continue
        if (
            k is None
            and before.endswith(("(", "(#"))
            and text.startswith(")", end)
            and _PAREN_AFTER_WORDS.search(before)
        ):
            found.append(Mention(code_of(m), 0.15, "bare-paren", start, end, None))
            continue
        if k is not None and "smtp" in before.lower():
            continue  # "SMTP error code 421", "the SMTP reply 550": a mail server's code, whatever the label
        if k is not None and k.lastgroup == "http" and before.endswith("/") and _IN_PATH.search(before):
            continue  # a path, `/errors/http/404.html`, not Fiddler's "with a HTTP/407"
        if k:
            kind = k.lastgroup or "bare"
            strength = _KINDS.get(kind, BARE)
            family = {"iis": "http", "http": "http", "ftp": "ftp"}.get(kind)
            if kind == "product" and k.group(0).lower().startswith("ftp"):
                family = "ftp"
            if kind in ("error", "said_is", "hint", "got_a", "product", "thrown") and not_a_code(text, start, end):
                continue
        else:
            if start > 0 and _BEFORE_OK.search(before) is None:
                continue
            if not_a_code(text, start, end):
                continue
        if m.group(0).startswith("0") or (kind == "hint" and UNITS.match(text, end)):
            continue
        if k is None and _DETERMINER.search(before.lower()):
            kind = "det"  # still bare; what follows may make it a code
        if kind in ("hint", "got_a") and sub is not None:
            kind, strength = f"{kind}+sub", LABELLED  # "we often get 404.15": a sub-status is no count or price
        if kind == "got_a" and not _GOT_A_END.match(text, end):
            kind, strength = "hint", HINTED
        if _AFTER_GOOGLE.match(text, end):
            kind, strength, family = "error-page", EXPLICIT, "http"
        elif strength < LABELLED and _AFTER_ERROR.match(text, end):
            kind, strength = f"{kind}+error-suffix", LABELLED
        elif strength < LABELLED and kind != "bare" and _AFTER_REASON_ERROR.match(text, end):
            kind, strength = f"{kind}+reason-error", LABELLED
        elif kind == "det" and _AFTER_VERB.match(text, end) and not not_a_code(text, start, end):
            kind, strength = "det+verb", 0.82
        elif kind in ("hint", "zh_subject") and _ZH_WENT.match(text, end):
            kind, strength = f"{kind}+le", LABELLED  # "网站403了": the site went 403
        elif strength < 0.82 and _AFTER_CJK_VERB.match(text, end):
            kind, strength = f"{kind}+cjk-verb", 0.82
        elif (
            kind in ("hint", "zh_subject")
            and not k.group(0).isascii()
            and _ZH_CLAUSE_END.match(text, end)
            and (k.group(0).strip() not in _ZH_STILL or _ZH_WEB_SUBJECT.search(before))
        ):
            kind, strength = f"{kind}+zh-clause", 0.82
        elif kind == "hint" and _HTTP_LABEL.search(text, max(0, start - 40), start):
            kind, strength = "hint+http-label", LABELLED  # "un code HTTP : le 404", "código HTTP, el 500"
        elif kind in ("hint", "zh_subject") and _PRODUCT.search(_line_of(text, start, end)):
            kind, strength = "hint+product", LABELLED
        elif kind == "hint" and _ERROR_CLAUSE.search(_line_of(text, start, end)):
            kind, strength = "hint+error-clause", 0.82
        if _SECONDARY.match(text, end) and _page_above(text, start):
            strength *= 0.5  # Apache's second error (its ErrorDocument failed): the page's own status is above
            kind += "+secondary"
        if negated:
            strength, kind = min(strength, BARE) * 0.5, kind + "+negated"
        found.append(Mention(code_of(m), strength, kind, start, end, family))
    if len({g.code for g in glued_found}) == 1:
        # one code glued to its phrase is a message; several are a table flattened by a copy ("404Not Found500...")
        found.extend(glued_found[:4])
