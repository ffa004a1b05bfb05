"""References to known documents in rendered HTML made into links, outside existing links."""

import lxml.html

from website.text import clean

from .references import find_references

# Text inside these is never linked: a link cannot hold another, and code is not prose.
_SKIP = {"a", "script", "style", "code", "pre", "textarea", "button"}


def _linked(text, links):
    """(text before the first link, [new <a> elements, each with the text after it as tail])."""
    text = clean(text)
    anchors = []
    head, position = None, 0
    for reference in find_references(text):
        target = links.get(reference.key) or (
            None if reference.issuer else links.get(reference.partial_key)
        )
        if target is None:
            continue
        url, title = target
        anchor = lxml.html.Element("a", href=url, title=title)
        anchor.set("class", "document-link")
        anchor.text = reference.text
        if anchors:
            anchors[-1].tail = text[position : reference.start]
        else:
            head = text[: reference.start]
        anchors.append(anchor)
        position = reference.end
    if anchors:
        anchors[-1].tail = text[position:]
    return head, anchors


def _outside_links(element):
    return not any(ancestor.tag in _SKIP for ancestor in element.iterancestors()) and (
        element.tag not in _SKIP
    )


def link_documents(html, links):
    """`html` with each reference to a document of `links` ({key: (url, title)}) a link to it.

    Unchanged, byte for byte, when it cites none of them; `links` may be lazy, and is read
    only when `html` cites a document at all.
    """
    if not html:
        return html
    if not any(ref.key in links or ref.partial_key in links for ref in find_references(html)):
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments
        if element.text and _outside_links(element):
            head, anchors = _linked(element.text, links)
            if anchors:
                element.text = head
                for index, anchor in enumerate(anchors):
                    element.insert(index, anchor)
        parent = element.getparent()
        if element.tail and parent is not None and _outside_links(parent):
            head, anchors = _linked(element.tail, links)
            if anchors:
                element.tail = head
                at = parent.index(element)
                for offset, anchor in enumerate(anchors, start=1):
                    parent.insert(at + offset, anchor)
    # The parent <div> was only there to hold the fragment.
    return lxml.html.tostring(root, encoding="unicode")[len("<div>") : -len("</div>")]
