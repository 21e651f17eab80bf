"""Offer moderation and reported reviews: the rules staff edit and the decisions they take."""
