"""The knowledge model: what one code means, in every language we answer in."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS: tuple[str, ...] = ("en", "zh")
FAMILIES: tuple[str, ...] = (
    "http",
    "ftp",
    "win32",
    "hresult",
    "curl",
    "net",
    "httperr",
    "cloudflare",
    "heroku",
    "envoy",
)

# The software a paste can show, as `cases` name it (`when: {products: [...]}`); knowledge/README.md lists them.
PRODUCTS: frozenset[str] = frozenset(
    """
    nginx apache iis arr ancm http.sys iisnode tomcat php-fpm kestrel gunicorn uwsgi node caddy haproxy traefik
    envoy istio ingress-nginx kong varnish squid
    cloudflare aws-alb aws-elb aws-cloudfront aws-apigateway aws-s3 azure-appgw azure-frontdoor azure-appservice
    gcp akamai fastly heroku vercel netlify
    iis-ftp vsftpd proftpd pure-ftpd filezilla-server serv-u
    browser curl filezilla winscp lftp rclone python-ftplib dotnet
    """.split()
)


@dataclass(frozen=True, slots=True)
class Condition:
    """One way a case can fit: every kind given must be seen in the paste (any value within a kind)."""

    products: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def specificity(self) -> tuple[int, int]:
        """Evidence from the text itself (phrases, codes) outranks the product alone; more kinds outrank fewer."""
        return (int(bool(self.phrases or self.codes)), sum(1 for k in (self.products, self.phrases, self.codes) if k))


@dataclass(frozen=True, slots=True)
class Case:
    """A cause of a code that the paste itself can show, with the steps for that cause."""

    id: str
    when: tuple[Condition, ...]
    title: dict[str, str]
    cause: dict[str, str]
    fix: dict[str, tuple[str, ...]]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "when": [
                {k: list(v) for k, v in (("products", c.products), ("phrases", c.phrases), ("codes", c.codes)) if v}
                for c in self.when
            ],
            "title": dict(self.title),
            "cause": dict(self.cause),
            "fix": {k: list(v) for k, v in self.fix.items()},
        }


@dataclass(frozen=True, slots=True)
class Meaning:
    """One meaning of a code; most codes have one, some depend on the component."""

    component: str
    source: str
    title: dict[str, str]
    cause: dict[str, str]
    fix: dict[str, tuple[str, ...]]
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    clues: tuple[str, ...] = ()
    cases: tuple[Case, ...] = ()


@dataclass(slots=True)
class Entry:
    """A code of one family, with its meanings (the first is the default)."""

    family: str
    code: str
    meanings: list[Meaning]
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
    origin: str = ""
    status: str | None = None  # the HTTP status this code always comes with (cloudflare:1020 -> "403")

    @property
    def id(self) -> str:
        return f"{self.family}:{self.code}"

    @property
    def default(self) -> Meaning:
        return self.meanings[0]

    @property
    def parent_code(self) -> str | None:
        """`403` for `403.14`; None for a base code."""
        if self.family == "http" and "." in self.code:
            return self.code.split(".", 1)[0]
        return None

    def all_aliases(self) -> list[tuple[str, int]]:
        """Every alias with the index of the meaning it belongs to (-1: the entry as a whole)."""
        out = [(a, -1) for a in self.aliases]
        for i, m in enumerate(self.meanings):
            out.extend((a, i) for a in m.aliases)
        return out

    def to_json(self) -> dict:
        m = self.default
        data: dict = {
            "id": self.id,
            "family": self.family,
            "code": self.code,
            "source": m.source,
            "title": dict(m.title),
            "cause": dict(m.cause),
            "fix": {k: list(v) for k, v in m.fix.items()},
            "aliases": list(dict.fromkeys([*self.aliases, *m.aliases])),
            "links": list(dict.fromkeys([*m.links, *self.links])),
        }
        if len(self.meanings) > 1:
            data["meanings"] = [
                {
                    "component": x.component,
                    "source": x.source,
                    "clues": list(x.clues),
                    "title": dict(x.title),
                    "cause": dict(x.cause),
                    "fix": {k: list(v) for k, v in x.fix.items()},
                    "aliases": list(x.aliases),
                    "links": list(x.links),
                    "cases": [c.to_json() for c in x.cases],
                }
                for x in self.meanings
            ]
        if m.cases:
            data["cases"] = [c.to_json() for c in m.cases]
        if self.status:
            data["http_status"] = self.status
        if self.see_also:
            data["see_also"] = list(self.see_also)
        if self.notes:
            data["notes"] = dict(self.notes)
        return data
