"""Who may read a page, without asking the database on every reader's request."""

import functools

from django.db.models import CharField, IntegerField, Q, Value
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import fragments


def _restrictions():
    """Every view restriction as (its page's tree path, its id), and each alias's path with
    its source's. Few pages are restricted, so this is small and read once per change (a
    privacy change, a move or a publication replaces the content version). One query: the
    two lists' rows, (restriction id, path, None) and (None, path, source's path)."""
    restricted = (
        PageViewRestriction.objects.annotate(source=Value(None, output_field=CharField()))
        .values_list("pk", "page__path", "source")
        .order_by()
    )
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .annotate(restriction=Value(None, output_field=IntegerField()))
        .values_list("restriction", "path", "alias_of__path")
        .order_by()
    )
    restrictions, sources = [], {}
    for pk, path, source in restricted.union(aliases, all=True):
        if pk is None:
            sources[path] = source
        else:
            restrictions.append((path, pk))
    return restrictions, sources


def restricted_paths(fresh=False):
    """`fresh`: read now, for what is written from it (the cache may still hold the paths of
    before a change that this transaction made)."""
    restrictions, _aliases = (
        _restrictions() if fresh else fragments.cached("view-restrictions", _restrictions)
    )
    return {path for path, _pk in restrictions}


# Tree paths are written in treebeard's alphabet (digits, then capitals), at most this long.
PATH_LENGTH = Page._meta.get_field("path").max_length


def subtree_q(path):
    """The page at `path` and every page below it, as a range of paths (as treebeard reads a
    page's children) instead of Wagtail's `path LIKE 'path%'`: the generic plan of a prepared
    statement (DJANGO_DB_PREPARE_THRESHOLD), made without knowing the path, can walk an index
    for a range but not for a pattern."""
    return Q(path__range=(path, path + Page.alphabet[-1] * (PATH_LENGTH - len(path))))


class ReaderPageQuerySet(PageQuerySet):
    def descendant_of_q(self, other, inclusive=False):
        q = subtree_q(other.path) & Q(depth__gte=other.depth)
        return q if inclusive else q & ~Q(pk=other.pk)

    def live_q(self):
        """Live pages as those not among the unpublished ones (few, under an index of their
        own: migration website/0003): counting a section's 17,000 stories then reads only the
        section's index, where `live = true` joined every story to the page table (80–150 ms
        at 100,000 stories)."""
        return ~Q(pk__in=Page.objects.filter(live=False).values("pk"))

    def private_q(self, fresh=False):
        """Wagtail's rule (a restricted page and everything below it) from the cache, instead
        of reading every restriction for each listing."""
        q = Q()
        for path in restricted_paths(fresh):
            q |= subtree_q(path)
        return q if q else Q(pk__in=[])


ReaderPageManager = PageManager.from_queryset(ReaderPageQuerySet)


@functools.cache
def _no_restrictions():
    """An empty queryset (the admin orders what this returns), already read: iterating a new
    one on each request still compiles its SQL, about 0.15 ms."""
    none = PageViewRestriction.objects.none()
    len(none)
    return none


class CachedPrivacyMixin:
    """For every page type readers are served: Wagtail checks a page's view restrictions on
    each request with two queries; this answers from the cache, and with none at all for a
    page that nothing restricts (the usual case)."""

    def get_view_restrictions(self):
        restrictions, aliases = fragments.cached("view-restrictions", _restrictions)
        # Wagtail's rule: the page and its ancestors, an alias standing for its source page.
        paths = set()
        for end in range(self.steplen, len(self.path) + 1, self.steplen):
            path = self.path[:end]
            while path in aliases:
                path = aliases[path]
            paths.add(path)
        ids = [pk for path, pk in restrictions if path in paths]
        if not ids:
            return _no_restrictions()
        return PageViewRestriction.objects.filter(pk__in=ids)
