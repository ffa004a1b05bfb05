from django import template
from django.utils.safestring import mark_safe

from documents.citations import known_links
from documents.linking import link_documents as link

register = template.Library()


@register.filter(is_safe=True)
def link_documents(html):
    """Rendered rich text with references to documents in the library made links to them:
    `{% filter link_documents %}{% include_block page.body %}{% endfilter %}`."""
    return mark_safe(link(str(html), known_links()))
