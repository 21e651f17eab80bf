"""The staff back-office: one blueprint per part (home, identities, structures, outbox).

Every page extends `templates/admin/base.html`; each action needs its staff permission.
"""
