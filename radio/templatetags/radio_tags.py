from django import template

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as m:ss (the sign dropped: the words around it say over or under)."""
    seconds = abs(int(seconds or 0))
    return f"{seconds // 60}:{seconds % 60:02d}"
