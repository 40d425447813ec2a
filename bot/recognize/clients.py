"""Client libraries and tools: how each prints the status it got back.

Python requests/urllib/httpx/aiohttp, .NET WebClient/HttpClient/FtpWebRequest and PowerShell,
Java (Spring, Feign, Apache), Go, axios/fetch, git, npm, pip, docker and registries, API SDKs.
A status a client prints inside its own wording is explicit; `(550) File unavailable` from
FtpWebRequest is read without a family, so the reason phrase and the context decide HTTP or FTP.

Examples (tests/test_recognize.py runs each through the engine):

    Out[3]: <Response [404]>
    => http:404

Ruby's Net::HTTP prints the response's class, with or without its status (HTTParty's response in an
old Rails tutorial; a comment in a Ruby script about AllegroGraph):

    HTTParty.get("http://localhost:3000/movies/12345.json").response
    #<Net::HTTPInternalServerError 500 Internal Server Error  readbody=true>
    => http:500

    #without this you get an error
    #<Net::HTTPInternalServerError:0x00000100ef7828>
    => http:500

    requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://x.test/users/sign_in.json
    => http:401

    urllib.error.HTTPError: HTTP Error 403: Forbidden
    => http:403

    System.Net.WebException: The remote server returned an error: (401) Unauthorized.
    => http:401

    Invoke-RestMethod : Remote Server raise an error : (404) Not found.
    => http:404

    KO (400): BadRequest - Error en el servidor remoto: (400) Solicitud incorrecta.
    => http:400

    Response status code does not indicate success: 503 (Service Unavailable).
    => http:503

    CosmosException: Request failed with status code ServiceUnavailable
    => http:503

    Unhandled exception. Microsoft.Azure.KeyVault.Models.KeyVaultErrorException: Operation returned an invalid status code 'Forbidden'
    => http:403

    the status code conflict between the two modules is resolved in the next release
    => -

    Call API error status code ServiceUnavailable reason: <html><head><title>Error 503 Service Unavailable</title>
    => http:503

    org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body]
    => http:401

    org.springframework.web.client.HttpClientErrorException$Forbidden: 403
        at org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:85)
    => http:403

    rpc error: code = Unknown desc = unexpected HTTP status code received from server: 405 (Method Not Allowed)
    => http:405

    AxiosError: Request failed with status code 502
    => http:502

    fatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 403
    => http:403

    Compressing objects: 100% (229462/229462), done.
    error: RPC failed; result=22, HTTP code = 413iB | 806.00 KiB/s
    fatal: The remote end hung up unexpectedly
    => http:413

    and once in a few hours we get an error Unleash Repository error: Response was not statusCode 2XX, but was 502.
    => http:502

    npm ERR! code E401
    npm ERR! Unable to authenticate, need: Basic realm="Artifactory Realm"
    => http:401

    Error response from daemon: toomanyrequests: You have reached your pull rate limit.
    => http:429

    Error response from daemon: unauthorized: authentication required
    => http:401

    {"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}
    => http:401

    Google.GoogleApiRequestException: Google.Apis.Requests.RequestError
    Daily Limit Exceeded [403]
    => http:403

    "error": {"message": "You exceeded your current quota, please check your plan and billing details."}
    => http:429

    fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist
    => http:404

    botocore.exceptions.ClientError: An error occurred (404) when calling the HeadObject operation: Not Found
    => http:404

    StatusCodeError: 404 - "{\"message\":\"Not Found\",\"documentation_url\":\"https://developer.github.com/v3\"}"
    => http:404

    xmlrpclib.ProtocolError: <ProtocolError for localhost:8069/xmlrpc/2/common: 404 NOT FOUND>
    => http:404

    Error creating openstack_compute_flavor_v2 hotel_flavor: Expected HTTP response code [200 201] when accessing [POST http://192.168.1.13/compute/v2.1/flavors], but got 403 instead
    => http:403

    java.io.IOException: Did not get expected response code, got 404 for https://example.test/packages.json
    => http:404

    the error Encountered HTTP (400) Error: PSM-SERVICE-0004: Unable to delete service.
    => http:400

    Unittest failed: System.Net.WebException: The remote server returned an error: (450) File unavailable (e.g., file busy).
    => ftp:450
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention

_R = r"(?P<code>[1-5][0-9][0-9])(?![0-9])"
# (pattern, family, strength): the code group is the status.
_EXPLICIT_FORMS = [
    (re.compile(r"Response \[" + _R + r"\]"), "http"),  # requests (clean() keeps the repr without <>)
    (
        re.compile(r"(?=[1-5])(?<![0-9])" + _R + r" (?:Client|Server) Error(?::| for url)"),
        "http",
    ),  # requests raise_for_status
    (re.compile(r"does not indicate success: " + _R), "http"),  # .NET HttpClient EnsureSuccessStatusCode
    (
        re.compile(
            r"(?:HttpClientErrorException|HttpServerErrorException|WebClientResponseException|FeignException|"
            r"RestClientException|HttpResponseException|HttpException)(?:\$[A-Za-z]{2,40})?: \[?"
            + _R
            + r"(?: [A-Z]|[ \t]*$|[ \t]*\[| :)",  # Spring 5.1 prints an empty reason: "$Unauthorized: 401 "
            re.M,
        ),
        "http",
    ),  # Spring, Feign, Apache HttpClient
    (re.compile(r"status (?:code )?(?:received from server: )?" + _R + r" \(", re.I), "http"),  # Go / gRPC
    (re.compile(r"unexpected (?:HTTP )?status(?: code)?:? " + _R, re.I), "http"),  # Go clients, Helm, docker
    (re.compile(r"(?<![A-Za-z])status " + _R + r" reading ", re.I), "http"),  # Feign
    (re.compile(r"(?:npm (?:ERR!|error) |^)code E" + _R, re.M), "http"),  # npm (its prefix may be cut)
    (re.compile(r"npm (?:ERR!|error) " + _R + r"(?=[ \t\n]|$)"), "http"),  # (the line may end after the code)
    (re.compile(r"HTTP error " + _R + r" while getting", re.I), "http"),  # pip
    (re.compile(r"server error: " + _R + r" ", re.I), "http"),  # Go clients printing the status line
    (re.compile(r"ClientResponseError: " + _R), "http"),  # aiohttp
    # an exception named for the status: request-promise's `StatusCodeError: 404 - "..."`, netlify-cli's
    # `TextHTTPError: 502`, `HttpError: 403`
    (
        re.compile(r"(?<![A-Za-z])[A-Za-z]{0,20}(?:StatusCode|Http|HTTP)(?:Status)?Error: \[?" + _R + r"(?![0-9.])"),
        "http",
    ),
    (re.compile(r"ProtocolError for [^\s:<>]{1,200}: " + _R + r" "), "http"),  # Python's xmlrpc.client
    (re.compile(r"(?<![A-Za-z])HTTPStatusError: (?:Client|Server) error '" + _R), "http"),  # httpx
    # git over HTTP: the progress meter may overwrite the rest of the line ("HTTP code = 413iB | 806 KiB/s")
    (re.compile(r"RPC failed; (?:result=[0-9]{1,3}, )?HTTP code = " + _R), "http"),
    # a client that names the code it expected, then the one it got: gophercloud's "Expected HTTP response code
    # [200 201] when accessing [POST http://h/v2.1/flavors], but got 403 instead", SKCraft's and many Go and Java
    # clients' "Did not get expected response code, got 503 for https://...", "unexpected response code, got 404"
    (
        re.compile(
            r"(?<![A-Za-z])(?:[Uu]n)?[Ee]xpected (?:HTTP )?(?:response|status) code(?:[ \t]\[[0-9 ]{0,40}\][^\n]{0,300}?,)?,?"
            r"[ \t](?:but[ \t])?got:?[ \t]'?" + _R
        ),
        "http",
    ),
    (
        re.compile(r"(?<![A-Za-z])HTTP \(" + _R + r"\) Error"),
        "http",
    ),  # go-oracle-terraform: "Encountered HTTP (409) Error"
    # clients that expected a success: "Response was not statusCode 2XX, but was 502", "expected 200 but got 404"
    (
        re.compile(
            r"(?=[sSeErR])(?<![A-Za-z])(?:status ?code|status|expected|response)[ \t](?:was[ \t]|of[ \t])?(?:not[ \t])?(?:a[ \t])?"
            r"2[0-9xX]{2},?[ \t]but[ \t](?:it[ \t])?(?:was|got|received|returned)[ \t]" + _R,
            re.I,
        ),
        "http",
    ),
]
# .NET: "The remote server returned an error: (401) Unauthorized." in any language: `(NNN) Reason`.
_PAREN = re.compile(r"\((?P<code>[1-6][0-9][0-9])\)")
_PAREN_BEFORE = re.compile(
    r"(?:error|erreur|fehler|errore|erro|ошибк[ау]|錯誤|错误|remoto|zurückgegeben|server)[^\n()]{0,20}?:[ \t]{0,2}\Z",
    re.I,
)  # tried only on the 40 characters before a "(NNN)"
# "Daily Limit Exceeded [403]" ends its line; "10:38:47.697 GMT [509] FATAL:" is PostgreSQL's process id
_BRACKET = re.compile(r"[A-Za-z][ \t]\[(?P<code>[45][0-9][0-9])\](?![0-9])(?=[ \t]*(?:$|[.,;:)\"']))", re.M)
# Registries (Docker Hub, GHCR, Artifactory) and API quota messages: the status is fixed by the words.
_WORDED = [
    (re.compile(r"(?<![A-Za-z])toomanyrequests(?![A-Za-z])|\"code\":\s?\"TOOMANYREQUESTS\"", re.I), "429", 0.9),
    (
        re.compile(
            r"(?=[dDrRpPlL])(?:daemon|registry|docker|pull|push|login)[^\n]{0,60}?(?<![A-Za-z])unauthorized(?::|$|\s*\n)"
            r"|\"code\":\s?\"UNAUTHORIZED\"",
            re.I | re.M,
        ),
        "401",
        0.88,
    ),
    (re.compile(r"denied: requested access to the resource is denied|\"code\":\s?\"DENIED\"", re.I), "403", 0.88),
    (
        re.compile(r"(?<![A-Za-z])manifest unknown(?![A-Za-z])|\"code\":\s?\"(?:MANIFEST|NAME)_UNKNOWN\"", re.I),
        "404",
        0.85,
    ),
    (
        re.compile(
            r"(?=[eEiIqQrR])(?:exceeded your current quota|insufficient_quota|exhausted your (?:daily )?quota|"
            r"quota exceeded for quota metric|RESOURCE_EXHAUSTED|rateLimitExceeded|rate_limit_exceeded|"
            r"Resource has been exhausted|Resource[ _]Exhausted \(429\))",
            re.I,
        ),
        "429",
        0.86,
    ),
    (re.compile(r"API rate limit exceeded", re.I), "429", 0.8),  # GitHub answers it with 403 or 429
]
_SHOWN_403 = re.compile(r"(?<![0-9.])403(?![0-9])")
# AWS: S3's error codes have fixed statuses (`_S3_STATUS`); each form names one, or a number, in the group `aws`.
# (pattern, kind, literals one of which the text must hold)
_AWS_FORMS = [
    # botocore's "An error occurred (AccessDenied) when calling the PutObject operation", the old aws-cli's
    # "A client error (NoSuchKey) occurred when calling ..."
    (
        re.compile(
            r"(?:An error occurred|A client error) \((?P<aws>[A-Za-z0-9]{3,40})\)(?: occurred)? when calling the "
            r"[A-Za-z0-9]{2,60} operation"
        ),
        "aws-sdk",
        ("error occurred (", "client error ("),
    ),
    # S3's error code said in prose beside S3 or CloudFront ("when I refresh I get an AccessDenied"); its XML error
    # body (<Code>NoSuchKey</Code>) reads the same once the tags are gone
    (
        re.compile(
            r"(?<![A-Za-z])(?P<aws>AccessDenied|NoSuchKey|NoSuchBucket|SignatureDoesNotMatch|InvalidAccessKeyId|"
            r"RequestTimeTooSkewed|SlowDown|AllAccessDisabled|InternalError|ServiceUnavailable)(?![A-Za-z])"
        ),
        "s3-code",
        ("s3", "cloudfront", "bucket", "amazonaws"),
    ),
]
_DOTNET_REASON = re.compile(r"[ \t]{0,2}[A-Z]")
# Amazon S3's error codes and the status each is sent with (S3 API reference, "Error responses")
_S3_STATUS = {
    "AccessDenied": "403", "AllAccessDisabled": "403", "InvalidAccessKeyId": "403", "SignatureDoesNotMatch": "403",
    "RequestTimeTooSkewed": "403", "AccountProblem": "403", "InvalidObjectState": "403", "ExpiredToken": "400",
    "InvalidToken": "400", "InvalidBucketName": "400", "EntityTooLarge": "400", "RequestTimeout": "400",
    "NoSuchBucket": "404", "NoSuchKey": "404", "NoSuchUpload": "404", "NoSuchVersion": "404",
    "MethodNotAllowed": "405", "BucketAlreadyExists": "409", "BucketAlreadyOwnedByYou": "409",
    "BucketNotEmpty": "409", "PreconditionFailed": "412", "InvalidRange": "416", "InternalError": "500",
    "NotImplemented": "501", "ServiceUnavailable": "503", "SlowDown": "503",
}  # fmt: skip
# .NET's HttpStatusCode names where a status code is printed by name: RestSharp's "Request failed with status
# code Unauthorized", AutoRest's "Operation returned an invalid status code 'Forbidden'", `StatusCode: NotFound`.
_ENUM_STATUS = {
    "BadRequest": "400", "Unauthorized": "401", "PaymentRequired": "402", "Forbidden": "403", "NotFound": "404",
    "MethodNotAllowed": "405", "NotAcceptable": "406", "ProxyAuthenticationRequired": "407",
    "RequestTimeout": "408", "Conflict": "409", "Gone": "410", "LengthRequired": "411",
    "PreconditionFailed": "412", "RequestEntityTooLarge": "413", "RequestUriTooLong": "414",
    "UnsupportedMediaType": "415", "RequestedRangeNotSatisfiable": "416", "ExpectationFailed": "417",
    "MisdirectedRequest": "421", "UnprocessableEntity": "422", "UnprocessableContent": "422", "Locked": "423",
    "FailedDependency": "424", "UpgradeRequired": "426", "PreconditionRequired": "428", "TooManyRequests": "429",
    "RequestHeaderFieldsTooLarge": "431", "UnavailableForLegalReasons": "451", "InternalServerError": "500",
    "NotImplemented": "501", "BadGateway": "502", "ServiceUnavailable": "503", "GatewayTimeout": "504",
    "HttpVersionNotSupported": "505", "InsufficientStorage": "507", "NetworkAuthenticationRequired": "511",
}  # fmt: skip
# .NET's HttpStatusCode name in parentheses after the number (HttpResponseMessage's ToString, many loggers)
# (the parenthesis first: a pattern that starts at a literal is found by a fast scan, not tried at every digit)
_CODE_ENUM = re.compile(r"\((?P<name>[A-Z][A-Za-z]{2,40})\)")
_CODE_BEFORE = re.compile(r"(?<![0-9.])(?P<code>[1-5][0-9]{2}) \Z")
# Ruby's Net::HTTP names a class for each status (net/http/responses.rb): `#<Net::HTTPConflict:0x...>`.
_RUBY_CLASS = re.compile(r"Net::HTTP(?P<name>[A-Z][A-Za-z]{1,40})(?![A-Za-z])")
_RUBY_NAMES = {
    **{name.lower(): code for name, code in _ENUM_STATUS.items()},
    "ok": "200", "created": "201", "accepted": "202", "nocontent": "204", "movedpermanently": "301", "found": "302",
    "seeother": "303", "notmodified": "304", "temporaryredirect": "307", "permanentredirect": "308",
    "requesttimeout": "408", "payloadtoolarge": "413", "uritoolong": "414", "requesturitoolong": "414",
    "rangenotsatisfiable": "416", "versionnotsupported": "505", "gatewaytimeout": "504", "loopdetected": "508",
}  # fmt: skip
_ENUM = re.compile(
    # Microsoft.Identity.Web's samples: "Invalid status code in the HttpResponseMessage: {response.StatusCode}"
    r"(?<![A-Za-z])(?:status ?code|StatusCode)(?: in the HttpResponseMessage)?[ \t]{0,2}[:=]?[ \t]{0,2}['\"`]?"
    r"(?:HttpStatusCode\.)?"
    r"(?P<name>" + "|".join(sorted(_ENUM_STATUS, key=len, reverse=True)) + r")(?![A-Za-z])",
    re.I,
)
# FtpWebRequest's reason texts (.NET FtpStatusCode descriptions, also localized): the reply is FTP's.
_DOTNET_FTP = re.compile(
    r"[ \t]{0,2}(?:File unavailable|Not logged in|Local error in processing|Syntax error in parameters|"
    r"File name not allowed|Exceeded storage allocation|Can't open data connection|Connection closed; transfer aborted|"
    r"Service not available|Action not taken|Requested action|Nicht angemeldet|Datei nicht verf|Archivo no disponible|"
    r"No ha iniciado sesi|Fichier non disponible|Non connect)",
    re.I,
)
_FTP_CLIENT = re.compile(r"FtpWebRequest|FtpClient|ftp://", re.I)


# A literal each form needs (lower case): a pattern is run only over texts that contain it.
_NEEDS = ("response [", " error", "does not indicate", "exception", "status", "status", "status ", "npm",
          "npm", "while getting", "server error", "clientresponseerror", "error: ", "protocolerror for",
          "httpstatuserror",
          "rpc failed", "xpected ", "http (", " but ")  # fmt: skip
_WORD_NEEDS = (("toomanyrequests",), ("unauthorized",), ("denied",), ("unknown",),
               ("quota", "exhausted", "ratelimit", "rate_limit"), ("rate limit",))  # fmt: skip


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    low = text.lower()
    for (pattern, family), need in zip(_EXPLICIT_FORMS, _NEEDS, strict=True):
        if need not in low:
            continue
        for m in pattern.finditer(text):
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(Mention(m.group("code"), EXPLICIT, "client", m.start("code"), m.end("code"), family))
    if "(" in text and ":" in text:
        for m in _PAREN.finditer(text):
            if m.start("code") not in taken and _PAREN_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                taken.add(m.start("code"))
                strength = EXPLICIT if _DOTNET_REASON.match(text, m.end()) else LABELLED
                family = "ftp" if _DOTNET_FTP.match(text, m.end()) or _FTP_CLIENT.search(text, 0, 20_000) else None
                found.append(Mention(m.group("code"), strength, "client-paren", m.start("code"), m.end("code"), family))
    if "status" in low:
        for m in _ENUM.finditer(text):
            name = next((n for n in _ENUM_STATUS if n.lower() == m.group("name").lower()), None)
            if name and (m.group("name") == name or m.group("name").isupper()) and m.start("name") not in taken:
                code = _ENUM_STATUS[name]  # PascalCase as .NET prints it (or shouted); "not found" prose is not a name
                found.append(Mention(code, EXPLICIT, "client-enum", m.start("name"), m.end("name"), "http"))
    if "(" in text:
        for m in _CODE_ENUM.finditer(text):  # "the result is always 407 (ProxyAuthenticationRequired)"
            status = _ENUM_STATUS.get(m.group("name"))
            b = _CODE_BEFORE.search(text, max(0, m.start() - 6), m.start()) if status else None
            if b is not None and b.group("code") == status and b.start("code") not in taken:
                taken.add(b.start("code"))
                found.append(Mention(status, EXPLICIT, "client-enum", b.start("code"), b.end("code"), "http"))
    if "Net::HTTP" in text:
        for m in _RUBY_CLASS.finditer(text):
            code = _RUBY_NAMES.get(m.group("name").lower())
            if code is not None:
                found.append(Mention(code, EXPLICIT, "ruby-net-http", m.start(), m.end(), "http"))
    if "[" in text:
        for m in _BRACKET.finditer(text):
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(
                    Mention(m.group("code"), LABELLED, "client-bracket", m.start("code"), m.end("code"), "http")
                )
    for (pattern, code, strength), needs in zip(_WORDED, _WORD_NEEDS, strict=True):
        if not any(n in low for n in needs):
            continue
        m = pattern.search(text)
        if m:
            if code == "429" and _SHOWN_403.search(text, max(0, m.start() - 160), m.end() + 40):
                continue  # GitHub's rate limit answered with a 403 the paste shows: the shown status is the answer
            found.append(Mention(code, strength, "client-words", m.start(), m.end(), "http"))
    for pattern, kind, needs in _AWS_FORMS:
        if not any(n in low for n in needs):
            continue
        m = pattern.search(text)
        name = m.group("aws") if m else ""
        code = name if name.isdigit() and len(name) == 3 else _S3_STATUS.get(name, "")
        if code:
            found.append(Mention(code, LABELLED, kind, m.start("aws"), m.end("aws"), "http"))
