"""The part of a page that is the policy: the selected element(s), without the page's chrome."""

from __future__ import annotations

import soupsieve
from bs4 import BeautifulSoup, Tag

from policydiff.errors import InputError
from policydiff.load.base import LoadOptions
from policydiff.load.html_parse import NOISE_NAMES, NOISE_ROLES

_DEFAULT_ROOTS = ("main", "[role=main]", "article")
# Fallback containers (object, noscript, video, ...) are not noise: the Markdown writer
# reads their text in place (html_markdown.TRANSPARENT), since an unclosed one holds the rest of the page.
_SCOPED_CHROME = frozenset({"header", "footer"})
_DOCUMENT_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "article", "section", "main"]
_SECTIONING = ["article", "section", "main"]
_BANNER_ALWAYS = ("onetrust", "gdpr-banner")
_BANNER_MAYBE = ("cookie", "consent")
_CONTENT_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "li", "dt", "dd"})
_NEVER_DROPPED = frozenset({"html", "body", "main"})


def main_content(soup: BeautifulSoup, options: LoadOptions) -> list[Tag]:
    """The policy's element(s), cleaned in place: ``select`` if given, else main/article/body."""
    roots: list[Tag] = []
    if options.select:
        roots = _outermost(_select(soup, options.select, options.name))
        if not roots:
            raise InputError(f"{options.name}: the CSS selector {options.select!r} matches nothing")
    for selector in options.remove:
        matches = _select(soup, selector, options.name)
        outside = [tag for tag in matches if not any(_is_within(root, tag) for root in roots)]
        _extract_all([tag for tag in outside if tag.name not in _NEVER_DROPPED])
    if roots:
        for root in roots:
            drop_noise(root)
        return roots
    # Clean first, so that an <article> teaser inside a dropped <aside> cannot be picked as the policy.
    page = soup.body or soup
    drop_noise(page)
    for selector in _DEFAULT_ROOTS:
        matches = _outermost(soup.select(selector))
        if len(matches) == 1:
            return matches
    return [page]


def page_title(soup: BeautifulSoup, roots: list[Tag]) -> str | None:
    """The first ``h1`` of the content, else the page's ``<title>``."""
    for root in roots:
        heading = root if root.name == "h1" else root.find("h1")
        if isinstance(heading, Tag) and (text := " ".join(heading.get_text(" ").split())):
            return text
    title = soup.select_one("head > title")
    text = " ".join(title.get_text(" ").split()) if title else ""
    return text or None


def drop_noise(root: Tag) -> None:
    """Remove scripts, navigation, page headers and footers, hidden elements and cookie banners."""
    doomed: list[Tag] = []
    stack = [(child, True) for child in _child_tags(root)]
    while stack:
        tag, banners = stack.pop()
        if _is_noise(tag):
            doomed.append(tag)
            continue
        marker = _marker(tag) if banners else ""
        if marker and (any(word in marker for word in _BANNER_ALWAYS) or _is_banner(tag)):
            doomed.append(tag)
            continue
        # Inside the policy's own "Cookies" section class names like "cookie-table" are content.
        inner_banners = banners and not marker
        stack.extend((child, inner_banners) for child in _child_tags(tag))
    _extract_all(doomed)


def _child_tags(tag: Tag) -> list[Tag]:
    return [
        child for child in tag.contents if isinstance(child, Tag)
    ]  # find_all(True, recursive=False), faster


def _extract_all(tags: list[Tag]) -> None:
    """Take ``tags`` out of the tree, one pass over each parent's children for all of them.

    ``Tag.extract`` alone looks its tag up among its siblings: a page of 20,000 scripts would take
    minutes. Given each tag's index (bs4's ``_self_index``), it does not.
    """
    by_parent: dict[int, tuple[Tag, set[int]]] = {}
    for tag in tags:
        if tag.parent is not None:
            by_parent.setdefault(id(tag.parent), (tag.parent, set()))[1].add(id(tag))
    for parent, chosen in by_parent.values():
        indices = [index for index, child in enumerate(parent.contents) if id(child) in chosen]
        for index in reversed(indices):
            parent.contents[index].extract(_self_index=index)


def _is_noise(tag: Tag) -> bool:
    name = tag.name
    if name in NOISE_NAMES:
        return True
    if tag.has_attr("hidden") and str(tag.get("hidden")).lower() != "until-found":
        return True  # "until-found" hides collapsed sections that are still the policy's text
    if str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    if str(tag.get("role", "")).lower() in NOISE_ROLES:
        return True
    if name == "form":  # a sign-up or search box, unless it holds text (ASP.NET wraps whole pages in one)
        return tag.find(_DOCUMENT_BLOCKS) is None
    # A <header> or <footer> inside an article or section belongs to it (title, "Last updated").
    return name in _SCOPED_CHROME and tag.find_parent(_SECTIONING) is None


def _marker(tag: Tag) -> str:
    """The id and classes of ``tag`` if they name a cookie or consent banner, else ''."""
    if tag.name in _NEVER_DROPPED:
        return ""
    classes = tag.get("class")
    names = [classes] if isinstance(classes, str) else list(classes or [])
    names.append(str(tag.get("id", "")))
    marker = " ".join(names).lower()
    return marker if any(word in marker for word in _BANNER_ALWAYS + _BANNER_MAYBE) else ""


def _is_banner(tag: Tag) -> bool:
    # A section with headings or tables is the policy explaining cookies, not a banner asking about them.
    if tag.name in _CONTENT_NAMES:
        return False
    return tag.find(["h1", "h2", "h3", "h4", "h5", "h6", "table"]) is None


def _select(soup: BeautifulSoup, selector: str, name: str) -> list[Tag]:
    try:
        return list(soup.select(selector))
    except soupsieve.SelectorSyntaxError as error:
        problem = str(error).splitlines()[0]
        raise InputError(f"{name}: invalid CSS selector {selector!r} ({problem})") from None


def _outermost(tags: list[Tag]) -> list[Tag]:
    """Drop matches nested inside other matches, so that no text is taken twice."""
    chosen = {id(tag) for tag in tags}
    return [tag for tag in tags if not any(id(parent) in chosen for parent in tag.parents)]


def _is_within(tag: Tag, ancestor: Tag) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.parents)
