"""Reads knowledge YAML into entries, refusing broken files with file, line and field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import yaml

from bot.knowledge.errors import KnowledgeError, Problem
from bot.knowledge.model import FAMILIES, LANGS, PRODUCTS, Case, Condition, Entry, Meaning
from bot.knowledge.paths import BUILTIN_DIR, knowledge_dirs, knowledge_files  # noqa: F401 - re-exported

try:  # the C parser is 5x faster; fall back silently where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    "http": re.compile(r"\d{3}(?:\.\d{1,4})?"),  # 4 digits: iisnode 500.1000-500.1018, 503.1000-503.1003
    "ftp": re.compile(r"\d{3}|sub\.\d{1,2}"),
    "win32": re.compile(r"\d{1,10}"),
    "hresult": re.compile(r"0x[0-9a-f]{8}"),
    "curl": re.compile(r"[1-9]\d{0,2}"),
    "net": re.compile(r"ERR_[A-Z0-9_]+|0"),
    "httperr": re.compile(r"[A-Za-z][A-Za-z0-9_/]*"),
    "cloudflare": re.compile(r"1\d{3}"),
    "heroku": re.compile(r"[HRL]\d{1,2}"),
    "envoy": re.compile(r"[A-Z]{2,5}"),
}
# Families whose codes are case-insensitive and stored lowercase; the others keep the case the software prints.
LOWERCASE_FAMILIES = frozenset({"http", "ftp", "win32", "hresult"})
CASE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")
CASE_FIELDS = {"id", "when", "title", "cause", "fix"}
WHEN_FIELDS = {"products", "phrases", "codes"}
MAX_CASE_STEPS = 4
# A YAML line wrapped between two Chinese characters folds into a stray space ("在响应中途 重置了连接").
CJK_SPACE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] +[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
SOURCE_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,30}")
ENTRY_FIELDS = {
    "family",
    "code",
    "source",
    "title",
    "cause",
    "fix",
    "aliases",
    "links",
    "meanings",
    "see_also",
    "notes",
    "status",
    "cases",
}
MEANING_FIELDS = {"component", "source", "clues", "title", "cause", "fix", "aliases", "links", "cases"}
MEANING_KEYS = ("source", "title", "cause", "fix")


def canonical_code(family: str, code: str) -> str:
    return code.lower() if family in LOWERCASE_FAMILIES else code


def valid_id(ref: str) -> bool:
    """`http:500.19`, `hresult:0x80070021`, `curl:28`, `net:ERR_CONNECTION_REFUSED`: a family and a well-formed code."""
    family, _, code = ref.partition(":")
    pattern = CODE_PATTERNS.get(family)
    return bool(pattern and code and pattern.fullmatch(canonical_code(family, code)))


class _FileReader:
    """Validates the node tree of one file; every check appends to `problems`."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def fail(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.path, line, field, message))

    def scalar(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.value == "":
            self.fail(node, field, "must be a non-empty string")
            return None
        return str(node.value).strip()

    def str_list(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node, field)
            return (value,) if value else ()
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, field, "must be a list of strings")
            return ()
        out = []
        for item in node.value:
            value = self.scalar(item, field)
            if value:
                out.append(value)
        return tuple(out)

    def text(self, node: yaml.Node, field: str, *, steps: bool = False) -> dict | None:
        """A `{en, zh}` mapping; with steps, each language is a list of strings."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, field, "must be a mapping with keys " + " and ".join(LANGS))
            return None
        out: dict = {}
        for key_node, value_node in node.value:
            lang = key_node.value
            if lang not in LANGS:
                self.fail(key_node, field, f"unknown language {lang!r} (use {', '.join(LANGS)})")
                continue
            if steps:
                items = self.str_list(value_node, f"{field}.{lang}")
                if not items:
                    self.fail(value_node, f"{field}.{lang}", "needs at least one step")
                    continue
                out[lang] = items
            else:
                value = self.scalar(value_node, f"{field}.{lang}")
                if value:
                    out[lang] = " ".join(value.split())
            if lang == "zh":
                for item in (out.get(lang) or ()) if steps else [out.get(lang, "")]:
                    found = CJK_SPACE.search(item)
                    if found:
                        self.fail(
                            value_node, f"{field}.{lang}", f"stray space between Chinese characters: {found.group(0)!r}"
                        )
        for lang in LANGS:
            if lang not in out and not any(p.field.startswith(f"{field}.{lang}") for p in self.problems):
                self.fail(node, field, f"missing language {lang!r}")
        return out if all(lang in out for lang in LANGS) else None

    def notes(self, node: yaml.Node) -> dict[str, str]:
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node, "notes")
            return {lang: value for lang in LANGS} if value else {}
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "notes", "must be a string or a mapping with keys en and zh")
            return {}
        out = {}
        for key_node, value_node in node.value:
            if key_node.value not in LANGS:
                self.fail(key_node, "notes", f"unknown language {key_node.value!r}")
                continue
            value = self.scalar(value_node, f"notes.{key_node.value}")
            if value:
                out[key_node.value] = value
        for lang in LANGS:  # one language given serves both
            out.setdefault(lang, next(iter(out.values()), ""))
        return {k: v for k, v in out.items() if v}

    def fields(self, node: yaml.MappingNode, allowed: set[str], what: str) -> dict[str, yaml.Node]:
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in allowed:
                self.fail(key_node, str(key), f"unknown field in {what} (allowed: {', '.join(sorted(allowed))})")
            elif key in out:
                self.fail(key_node, str(key), "given twice")
            else:
                out[key] = value_node
        return out


def _condition(r: _FileReader, node: yaml.Node, where: str) -> Condition | None:
    if not isinstance(node, yaml.MappingNode):
        r.fail(node, where, "a condition is a mapping of products, phrases and codes")
        return None
    f = r.fields(node, WHEN_FIELDS, "condition")
    if not f:
        r.fail(node, where, "an empty condition would fit every paste; give products, phrases or codes")
        return None
    products = r.str_list(f["products"], f"{where}.products") if "products" in f else ()
    for product in products:
        if product not in PRODUCTS:
            r.fail(f["products"], f"{where}.products", f"unknown product {product!r} (see knowledge/README.md)")
    phrases = r.str_list(f["phrases"], f"{where}.phrases") if "phrases" in f else ()
    for phrase in phrases:
        if len(phrase.replace("*", "").strip()) < 4:
            r.fail(f["phrases"], f"{where}.phrases", f"phrase too short to be evidence: {phrase!r}")
    codes = r.str_list(f["codes"], f"{where}.codes") if "codes" in f else ()
    for ref in codes:
        if not valid_id(ref):
            r.fail(f["codes"], f"{where}.codes", f"not an id like hresult:0x80070021: {ref!r}")
    return Condition(
        products=products,
        phrases=phrases,
        codes=tuple(f"{fam}:{canonical_code(fam, code)}" for fam, _, code in (ref.partition(":") for ref in codes)),
    )


def _cases(r: _FileReader, node: yaml.Node, where: str) -> tuple[Case, ...]:
    """`cases:` of an entry or a meaning: each complete in every language, with evidence that selects it."""
    field = f"{where}cases"
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        r.fail(node, field, "must be a non-empty list of cases")
        return ()
    out: list[Case] = []
    seen: set[str] = set()
    for i, c_node in enumerate(node.value):
        at = f"{field}[{i}]"
        if not isinstance(c_node, yaml.MappingNode):
            r.fail(c_node, at, "a case must be a mapping")
            continue
        f = r.fields(c_node, CASE_FIELDS, "case")
        missing = [k for k in ("id", "when", "title", "cause", "fix") if k not in f]
        for key in missing:
            r.fail(c_node, f"{at}.{key}", "missing")
        if missing:
            continue
        case_id = r.scalar(f["id"], f"{at}.id")
        if case_id and not CASE_ID.fullmatch(case_id):
            r.fail(f["id"], f"{at}.id", f"malformed case id {case_id!r} (lowercase words and dashes)")
        elif case_id in seen:
            r.fail(f["id"], f"{at}.id", f"duplicate case id {case_id!r} in this entry")
        if case_id:
            seen.add(case_id)
            at = f"{field}[{case_id}]"
        when_node = f["when"]
        nodes = when_node.value if isinstance(when_node, yaml.SequenceNode) else [when_node]
        if not nodes:
            r.fail(when_node, f"{at}.when", "must hold at least one condition")
        when = tuple(c for j, n in enumerate(nodes) if (c := _condition(r, n, f"{at}.when[{j}]")) is not None)
        title = r.text(f["title"], f"{at}.title")
        cause = r.text(f["cause"], f"{at}.cause")
        fix = r.text(f["fix"], f"{at}.fix", steps=True)
        if fix and any(len(steps) > MAX_CASE_STEPS for steps in fix.values()):
            r.fail(f["fix"], f"{at}.fix", f"at most {MAX_CASE_STEPS} steps: a case is the short answer")
        if case_id and when and len(when) == len(nodes) and title and cause and fix:
            out.append(Case(id=case_id, when=when, title=title, cause=cause, fix=fix))
    return tuple(out)


def _meaning(r: _FileReader, f: dict[str, yaml.Node], node: yaml.Node, where: str, component: str) -> dict:
    """Collect the meaning fields present in `f` (missing ones are checked by the caller)."""
    out: dict = {"component": component}
    if "source" in f:
        source = r.scalar(f["source"], f"{where}source")
        if source and not SOURCE_PATTERN.fullmatch(source):
            r.fail(f["source"], f"{where}source", f"malformed source {source!r} (lowercase words and dashes)")
        out["source"] = source
    for key in ("title", "cause"):
        if key in f:
            out[key] = r.text(f[key], f"{where}{key}")
    if "fix" in f:
        out["fix"] = r.text(f["fix"], f"{where}fix", steps=True)
    for key in ("aliases", "links", "clues"):
        if key in f:
            out[key] = r.str_list(f[key], f"{where}{key}")
    if "cases" in f:
        out["cases"] = _cases(r, f["cases"], where)
    for link in out.get("links", ()):
        if not re.match(r"https?://\S+$", link):
            r.fail(f["links"], f"{where}links", f"not a URL: {link!r}")
    return out


def _parse_entry(r: _FileReader, node: yaml.Node, *, partial_ok: bool) -> tuple[dict, yaml.Node] | None:
    """Parse one entry; returns raw fields (validated) or None when it is unusable."""
    if not isinstance(node, yaml.MappingNode):
        r.fail(node, "", "an entry must be a mapping")
        return None
    f = r.fields(node, ENTRY_FIELDS, "entry")
    family = r.scalar(f["family"], "family") if "family" in f else None
    code = r.scalar(f["code"], "code") if "code" in f else None
    if family is None:
        r.fail(node, "family", "missing")
        return None
    if family not in FAMILIES:
        r.fail(f["family"], "family", f"unknown family {family!r} (use {', '.join(FAMILIES)})")
        return None
    if code is None:
        r.fail(node, "code", "missing")
        return None
    code = canonical_code(family, code)
    if not CODE_PATTERNS[family].fullmatch(code):
        r.fail(f["code"], "code", f"malformed {family} code {code!r}")
        return None
    raw: dict = {"family": family, "code": code, "line": node.start_mark.line + 1}
    if "status" in f:
        status = r.scalar(f["status"], "status")
        if status and not CODE_PATTERNS["http"].fullmatch(status):
            r.fail(f["status"], "status", f"not an HTTP status code: {status!r}")
        elif status:
            raw["status"] = (status, f["status"].start_mark.line + 1)
    raw["top"] = _meaning(r, f, node, "", "default")
    if "meanings" in f:
        seq = f["meanings"]
        if not isinstance(seq, yaml.SequenceNode) or not seq.value:
            r.fail(seq, "meanings", "must be a non-empty list")
        else:
            raw["meanings"] = []
            for i, m_node in enumerate(seq.value):
                where = f"meanings[{i}]."
                if not isinstance(m_node, yaml.MappingNode):
                    r.fail(m_node, f"meanings[{i}]", "must be a mapping")
                    continue
                mf = r.fields(m_node, MEANING_FIELDS, "meaning")
                comp = r.scalar(mf["component"], f"{where}component") if "component" in mf else f"m{i}"
                m = _meaning(r, mf, m_node, where, comp or f"m{i}")
                for key in MEANING_KEYS:
                    if key not in m and key not in raw["top"]:
                        r.fail(m_node, f"{where}{key}", "missing")
                raw["meanings"].append(m)
    elif not partial_ok:
        for key in MEANING_KEYS:
            if key not in raw["top"]:
                r.fail(node, key, f"missing (entry {family}:{code})")
    if "see_also" in f:
        raw["see_also"] = r.str_list(f["see_also"], "see_also")
        for ref in raw["see_also"]:
            if not valid_id(ref):
                r.fail(f["see_also"], "see_also", f"not an id like http:500.19: {ref!r}")
    if "notes" in f:
        raw["notes"] = r.notes(f["notes"])
    return raw, node


def _build(raw: dict, origin: str) -> Entry:
    top = raw["top"]
    specs = raw.get("meanings") or [top]
    meanings = []
    for spec in specs:
        merged = {**{k: v for k, v in top.items() if k in MEANING_KEYS}, **spec} if spec is not top else spec
        meanings.append(
            Meaning(
                component=merged.get("component", "default"),
                source=merged["source"],
                title=merged["title"],
                cause=merged["cause"],
                fix=merged["fix"],
                aliases=tuple(spec.get("aliases", ())) if spec is not top else (),
                links=tuple(spec.get("links", ())) if spec is not top else (),
                clues=tuple(spec.get("clues", ())),
                cases=tuple(spec.get("cases", ())) + (tuple(top.get("cases", ())) if spec is not top else ()),
            )
        )
    return Entry(
        family=raw["family"],
        code=raw["code"],
        meanings=meanings,
        aliases=tuple(top.get("aliases", ())),
        links=tuple(top.get("links", ())),
        see_also=tuple(raw.get("see_also", ())),
        notes=raw.get("notes", {}),
        origin=origin,
        status=raw["status"][0] if "status" in raw else None,
    )


def _extend(entry: Entry, raw: dict, origin: str) -> None:
    """Apply a team's partial entry on top of an existing one."""
    top = raw["top"]
    entry.aliases = tuple(dict.fromkeys([*entry.aliases, *top.get("aliases", ())]))
    entry.links = tuple(dict.fromkeys([*top.get("links", ()), *entry.links]))
    entry.see_also = tuple(dict.fromkeys([*entry.see_also, *raw.get("see_also", ())]))
    if raw.get("notes"):
        entry.notes = raw["notes"]
    if "status" in raw:
        entry.status = raw["status"][0]
    if raw.get("meanings"):
        entry.meanings = _build(raw, origin).meanings
    else:
        replaced = {k: top[k] for k in ("source", "title", "cause", "fix") if top.get(k)}
        if replaced:
            m = entry.meanings[0]
            entry.meanings[0] = Meaning(
                component=m.component,
                source=replaced.get("source", m.source),
                title=replaced.get("title", m.title),
                cause=replaced.get("cause", m.cause),
                fix=replaced.get("fix", m.fix),
                aliases=m.aliases,
                links=m.links,
                clues=m.clues,
                cases=m.cases,
            )
    if top.get("cases"):  # a team's own cases come first: on equal evidence they win
        entry.meanings = [replace(m, cases=tuple(top["cases"]) + m.cases) for m in entry.meanings]
    entry.origin = f"{entry.origin}+{origin}"


def _files(directory: Path) -> list[Path]:
    return knowledge_files(directory)


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_entries(directories: Iterable[Path | str]) -> dict[str, Entry]:
    """Load directories in order; later ones add codes or extend earlier entries.

    Raises KnowledgeError listing every problem (file, line, field) when anything is broken.
    """
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for index, directory in enumerate(Path(d) for d in directories):
        builtin = index == 0
        if not directory.is_dir():
            problems.append(Problem(str(directory), 0, "", "knowledge directory does not exist"))
            continue
        seen_here: dict[str, str] = {}
        for path in _files(directory):
            shown = _display(path)
            r = _FileReader(shown, problems)
            try:
                root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
            except UnicodeDecodeError as exc:
                problems.append(Problem(shown, 1, "", f"not UTF-8 text ({exc.reason})"))
                continue
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 1 if mark else 1
                problems.append(Problem(shown, line, "", f"not valid YAML: {getattr(exc, 'problem', exc)}"))
                continue
            if root is None:
                continue
            seq = root
            if isinstance(root, yaml.MappingNode):
                keys = {k.value: v for k, v in root.value}
                if set(keys) != {"entries"}:
                    r.fail(root, "", "a file holds `entries:` (a list of entries) and nothing else")
                    continue
                seq = keys["entries"]
            if not isinstance(seq, yaml.SequenceNode):
                r.fail(seq, "entries", "must be a list of entries")
                continue
            for node in seq.value:
                parsed = _parse_entry(r, node, partial_ok=not builtin)
                if parsed is None:
                    continue
                raw, _ = parsed
                eid = f"{raw['family']}:{raw['code']}"
                where = f"{shown}:{raw['line']}"
                if eid in seen_here:
                    r.fail(node, "code", f"duplicate id {eid} (first at {seen_here[eid]})")
                    continue
                seen_here[eid] = where
                if eid in entries:
                    _extend(entries[eid], raw, where)
                    continue
                missing = [k for k in MEANING_KEYS if k not in raw["top"]] if "meanings" not in raw else []
                if missing and not builtin:
                    r.fail(node, missing[0], f"missing; {eid} is not a built-in code, so the entry must be complete")
                    continue
                try:
                    entries[eid] = _build(raw, where)
                except (KeyError, TypeError):
                    continue  # its problems were recorded while parsing
    for eid, entry in entries.items():
        if entry.status and f"http:{entry.status}" not in entries:
            path, _, line = entry.origin.split("+")[-1].rpartition(":")
            problems.append(Problem(path, int(line or 0), "status", f"{eid}: http:{entry.status} is not a known code"))
    if problems:
        raise KnowledgeError(problems)
    return entries
