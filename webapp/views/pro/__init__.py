"""The cultural actors' area: one blueprint per part (home, structures, counter...).

Every page extends `templates/pro/base.html` and its own stylesheet bundle; who may act on an
object is asked of `models.users.capacities.can_manage`, and another structure's object is
"not found".
"""
