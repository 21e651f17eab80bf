"""The cultural structures a territory would like as partners: its officers' list of SIRENs,
where each one stands on the pro side, and the invitations sent to those not yet partners
(docs/domain/7-territories.md, "Structures to win over")."""
