"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 15:48:09.421732
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('credit_programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('min_signup_age', sa.Integer(), nullable=False),
    sa.Column('max_signup_age', sa.Integer(), nullable=False),
    sa.Column('expiry_rule', sa.Enum('months_after_grant', 'birthday', name='expiryrule', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('expiry_value', sa.Integer(), nullable=False),
    sa.Column('digital_cap_cents', sa.Integer(), nullable=True),
    sa.Column('physical_cap_cents', sa.Integer(), nullable=True),
    sa.CheckConstraint('expiry_value > 0', name=op.f('ck_credit_programme_expiry_positive')),
    sa.CheckConstraint('min_signup_age < max_signup_age', name=op.f('ck_credit_programme_age_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_programme')),
    sa.UniqueConstraint('code', name=op.f('uq_credit_programme_code'))
    )
    op.create_table('epci',
    sa.Column('siren', sa.String(length=9), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('siren', name=op.f('pk_epci'))
    )
    op.create_table('geography_dataset',
    sa.Column('vintage', sa.String(length=10), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('commune_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('vintage', name=op.f('pk_geography_dataset'))
    )
    op.create_table('identity_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_document'))
    )
    op.create_table('image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('alt_text', sa.String(length=250), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_image'))
    )
    op.create_table('outbound_email',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_email'))
    )
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_email_recipient'), ['recipient'], unique=False)

    op.create_table('region',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_region'))
    )
    op.create_table('departement',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('region_code', sa.String(length=3), nullable=False),
    sa.Column('timezone', sa.String(length=40), nullable=False),
    sa.Column('boundary_wkb', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_departement_region_code_region')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_departement'))
    )
    with op.batch_alter_table('departement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departement_region_code'), ['region_code'], unique=False)

    op.create_table('programme_age_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('age', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_programme_age_grant_amount_positive')),
    sa.ForeignKeyConstraint(['programme_id'], ['credit_programme.id'], name=op.f('fk_programme_age_grant_programme_id_credit_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_age_grant')),
    sa.UniqueConstraint('programme_id', 'age', name=op.f('uq_programme_age_grant_programme_id_age'))
    )
    op.create_table('commune',
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('search_name', sa.String(length=80), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('epci_siren', sa.String(length=9), nullable=True),
    sa.Column('departement_code', sa.String(length=3), nullable=False),
    sa.Column('region_code', sa.String(length=3), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('boundary_wkb', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['departement_code'], ['departement.code'], name=op.f('fk_commune_departement_code_departement')),
    sa.ForeignKeyConstraint(['epci_siren'], ['epci.siren'], name=op.f('fk_commune_epci_siren_epci')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_commune_region_code_region')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_commune'))
    )
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_departement_code'), ['departement_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_commune_epci_siren'), ['epci_siren'], unique=False)
        batch_op.create_index(batch_op.f('ix_commune_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_commune_search_name'), ['search_name'], unique=False)

    op.create_table('commune_postal_code',
    sa.Column('postal_code', sa.String(length=5), nullable=False),
    sa.Column('commune_code', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['commune.code'], name=op.f('fk_commune_postal_code_commune_code_commune'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('postal_code', 'commune_code', name=op.f('pk_commune_postal_code'))
    )
    with op.batch_alter_table('commune_postal_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_postal_code_commune_code'), ['commune_code'], unique=False)

    op.create_table('structure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siren', sa.String(length=9), nullable=False),
    sa.Column('name', sa.String(length=140), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=5), nullable=True),
    sa.Column('commune_code', sa.String(length=5), nullable=True),
    sa.Column('status', sa.Enum('new', 'pending', 'validated', 'rejected', name='structurestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('validated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['commune_code'], ['commune.code'], name=op.f('fk_structure_commune_code_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_structure')),
    sa.UniqueConstraint('siren', name=op.f('uq_structure_siren'))
    )
    with op.batch_alter_table('structure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_structure_status'), ['status'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('role', sa.Enum('young', 'pro', 'territory', 'admin', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=True),
    sa.Column('last_name', sa.String(length=100), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=5), nullable=True),
    sa.Column('commune_code', sa.String(length=5), nullable=True),
    sa.Column('activity', sa.Enum('high_school', 'student', 'apprentice', 'employee', 'job_seeker', 'other', name='activitystatus', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('cell_key', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['commune_code'], ['commune.code'], name=op.f('fk_user_account_commune_code_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_account_role'), ['role'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_entry_actor_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_object', ['object_type', 'object_id'], unique=False)

    op.create_table('deposit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['credit_programme.id'], name=op.f('fk_deposit_programme_id_credit_programme')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_deposit_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit')),
    sa.UniqueConstraint('user_id', 'programme_id', name=op.f('uq_deposit_user_id_programme_id'))
    )
    with op.batch_alter_table('deposit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposit_user_id'), ['user_id'], unique=False)

    op.create_table('identity_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', name='identitycheckstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('honour_statement_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['identity_document.id'], name=op.f('fk_identity_check_document_id_identity_document')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_identity_check_reviewer_id_user_account')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_identity_check_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_check'))
    )
    with op.batch_alter_table('identity_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_check_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_identity_check_user_id'), ['user_id'], unique=False)

    op.create_table('local_government_mandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('territory_kind', sa.Enum('commune', 'epci', 'departement', 'region', name='territorykind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('territory_code', sa.String(length=9), nullable=False),
    sa.Column('status', sa.Enum('pending', 'validated', 'rejected', name='mandatestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('validated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_local_government_mandate_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_government_mandate')),
    sa.UniqueConstraint('user_id', 'territory_kind', 'territory_code', name=op.f('uq_local_government_mandate_user_id_territory_kind_territory_code'))
    )
    with op.batch_alter_table('local_government_mandate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_government_mandate_user_id'), ['user_id'], unique=False)

    op.create_table('structure_membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('structure_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'validated', 'rejected', name='membershipstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['structure_id'], ['structure.id'], name=op.f('fk_structure_membership_structure_id_structure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_structure_membership_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_structure_membership')),
    sa.UniqueConstraint('user_id', 'structure_id', name=op.f('uq_structure_membership_user_id_structure_id'))
    )
    with op.batch_alter_table('structure_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_structure_membership_structure_id'), ['structure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_structure_membership_user_id'), ['user_id'], unique=False)

    op.create_table('venue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('structure_id', sa.Integer(), nullable=False),
    sa.Column('siret', sa.String(length=14), nullable=True),
    sa.Column('name', sa.String(length=140), nullable=False),
    sa.Column('public_name', sa.String(length=140), nullable=True),
    sa.Column('venue_type', sa.Enum('library', 'bookstore', 'cinema', 'concert_hall', 'performing_arts', 'museum', 'heritage', 'arts_school', 'festival', 'music_store', 'record_store', 'art_supplies', 'games', 'science_centre', 'cultural_centre', 'digital', 'other', name='venuetype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('is_virtual', sa.Boolean(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=5), nullable=True),
    sa.Column('commune_code', sa.String(length=5), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('accessibility_hearing', sa.Boolean(), nullable=True),
    sa.Column('accessibility_mental', sa.Boolean(), nullable=True),
    sa.Column('accessibility_motor', sa.Boolean(), nullable=True),
    sa.Column('accessibility_visual', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('opening_hours', sa.Text(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('withdrawal_details', sa.Text(), nullable=True),
    sa.Column('pricing_point_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['commune.code'], name=op.f('fk_venue_commune_code_commune')),
    sa.ForeignKeyConstraint(['pricing_point_id'], ['venue.id'], name=op.f('fk_venue_pricing_point_id_venue')),
    sa.ForeignKeyConstraint(['structure_id'], ['structure.id'], name=op.f('fk_venue_structure_id_structure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue')),
    sa.UniqueConstraint('siret', name=op.f('uq_venue_siret'))
    )
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index('ix_venue_lat_lon', ['latitude', 'longitude'], unique=False)
        batch_op.create_index(batch_op.f('ix_venue_structure_id'), ['structure_id'], unique=False)

    op.create_table('credit_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deposit_id', sa.Integer(), nullable=False),
    sa.Column('age', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_credit_grant_amount_positive')),
    sa.ForeignKeyConstraint(['deposit_id'], ['deposit.id'], name=op.f('fk_credit_grant_deposit_id_deposit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_grant')),
    sa.UniqueConstraint('deposit_id', 'age', name=op.f('uq_credit_grant_deposit_id_age'))
    )
    with op.batch_alter_table('credit_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_grant_deposit_id'), ['deposit_id'], unique=False)

    op.create_table('offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('subcategory_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=140), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=140), nullable=True),
    sa.Column('performer', sa.String(length=140), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('is_duo', sa.Boolean(), nullable=False),
    sa.Column('accessibility_hearing', sa.Boolean(), nullable=False),
    sa.Column('accessibility_mental', sa.Boolean(), nullable=False),
    sa.Column('accessibility_motor', sa.Boolean(), nullable=False),
    sa.Column('accessibility_visual', sa.Boolean(), nullable=False),
    sa.Column('withdrawal_type', sa.Enum('on_site', 'by_email', 'no_ticket', name='withdrawaltype', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('withdrawal_delay_seconds', sa.Integer(), nullable=True),
    sa.Column('withdrawal_details', sa.Text(), nullable=True),
    sa.Column('booking_email', sa.String(length=254), nullable=True),
    sa.Column('validation', sa.Enum('draft', 'pending', 'approved', 'rejected', name='validation', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('withdrawal_delay_seconds IS NULL OR withdrawal_delay_seconds >= 0', name=op.f('ck_offer_withdrawal_delay_positive')),
    sa.ForeignKeyConstraint(['image_id'], ['image.id'], name=op.f('fk_offer_image_id_image')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_offer_venue_id_venue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer'))
    )
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.create_index('ix_offer_shown', ['validation', 'is_active', 'subcategory_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offer_venue_id'), ['venue_id'], unique=False)

    op.create_table('favorite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_favorite_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_favorite_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_favorite')),
    sa.UniqueConstraint('user_id', 'offer_id', name=op.f('uq_favorite_user_id_offer_id'))
    )
    with op.batch_alter_table('favorite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_favorite_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_favorite_user_id'), ['user_id'], unique=False)

    op.create_table('offer_reaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('like', 'dislike', name='reactionkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_offer_reaction_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_offer_reaction_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_reaction')),
    sa.UniqueConstraint('user_id', 'offer_id', name=op.f('uq_offer_reaction_user_id_offer_id'))
    )
    with op.batch_alter_table('offer_reaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_reaction_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offer_reaction_user_id'), ['user_id'], unique=False)

    op.create_table('price_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=50), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('price_cents >= 0 AND price_cents <= 30000', name=op.f('ck_price_category_price_range')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_price_category_offer_id_offer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_category')),
    sa.UniqueConstraint('offer_id', 'label', name=op.f('uq_price_category_offer_id_label'))
    )
    with op.batch_alter_table('price_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_category_offer_id'), ['offer_id'], unique=False)

    op.create_table('stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('price_category_id', sa.Integer(), nullable=True),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('booked_quantity', sa.Integer(), nullable=False),
    sa.Column('beginning_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('booking_limit_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('booked_quantity >= 0 AND (quantity IS NULL OR booked_quantity <= quantity)', name=op.f('ck_stock_not_overbooked')),
    sa.CheckConstraint('booking_limit_at IS NULL OR beginning_at IS NULL OR booking_limit_at <= beginning_at', name=op.f('ck_stock_booking_limit_before_start')),
    sa.CheckConstraint('price_cents >= 0 AND price_cents <= 30000', name=op.f('ck_stock_price_range')),
    sa.CheckConstraint('quantity IS NULL OR quantity >= 0', name=op.f('ck_stock_quantity_positive')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_stock_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['price_category_id'], ['price_category.id'], name=op.f('fk_stock_price_category_id_price_category'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock'))
    )
    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.create_index('ix_stock_beginning_at', ['beginning_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_offer_id'), ['offer_id'], unique=False)

    op.create_table('booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('deposit_id', sa.Integer(), nullable=True),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.Column('price_category_label', sa.String(length=50), nullable=True),
    sa.Column('token', sa.String(length=6), nullable=False),
    sa.Column('status', sa.Enum('confirmed', 'used', 'cancelled', 'reimbursed', name='bookingstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('cancellation_reason', sa.Enum('beneficiary', 'offerer', 'expired', 'fraud', 'staff', name='cancellationreason', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('booked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cancellation_limit_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reimbursed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(status = 'cancelled') = (cancellation_reason IS NOT NULL)", name=op.f('ck_booking_cancellation_reason_iff_cancelled')),
    sa.CheckConstraint('quantity IN (1, 2)', name=op.f('ck_booking_quantity_one_or_two')),
    sa.CheckConstraint('unit_price_cents >= 0', name=op.f('ck_booking_price_positive')),
    sa.ForeignKeyConstraint(['deposit_id'], ['deposit.id'], name=op.f('fk_booking_deposit_id_deposit')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_booking_offer_id_offer')),
    sa.ForeignKeyConstraint(['stock_id'], ['stock.id'], name=op.f('fk_booking_stock_id_stock')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_booking_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking'))
    )
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index('ix_booking_booked_at', ['booked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_deposit_id'), ['deposit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_stock_id'), ['stock_id'], unique=False)
        batch_op.create_index('ix_booking_token', ['token'], unique=False)
        batch_op.create_index('ix_booking_user_status', ['user_id', 'status'], unique=False)
        batch_op.create_index('uq_booking_active_offer_per_user', ['user_id', 'offer_id'], unique=True, sqlite_where=sa.text("status = 'confirmed'"), postgresql_where=sa.text("status = 'confirmed'"))
        batch_op.create_index('uq_booking_live_token', ['token'], unique=True, sqlite_where=sa.text("status IN ('confirmed', 'used')"), postgresql_where=sa.text("status IN ('confirmed', 'used')"))

    op.create_table('activation_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_activation_code_booking_id_booking')),
    sa.ForeignKeyConstraint(['stock_id'], ['stock.id'], name=op.f('fk_activation_code_stock_id_stock'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activation_code')),
    sa.UniqueConstraint('booking_id', name=op.f('uq_activation_code_booking_id')),
    sa.UniqueConstraint('stock_id', 'code', name=op.f('uq_activation_code_stock_id_code'))
    )
    with op.batch_alter_table('activation_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activation_code_stock_id'), ['stock_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_review_booking_id_booking')),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['user_account.id'], name=op.f('fk_review_hidden_by_id_user_account')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_review_offer_id_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_review_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('booking_id', name=op.f('uq_review_booking_id'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_offer_id'), ['offer_id'], unique=False)

    op.create_table('review_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['user_account.id'], name=op.f('fk_review_report_reporter_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_report_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_report')),
    sa.UniqueConstraint('review_id', 'reporter_id', name=op.f('uq_review_report_review_id_reporter_id'))
    )
    with op.batch_alter_table('review_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_report_review_id'), ['review_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_report_review_id'))

    op.drop_table('review_report')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_offer_id'))

    op.drop_table('review')
    with op.batch_alter_table('activation_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activation_code_stock_id'))

    op.drop_table('activation_code')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index('uq_booking_live_token', sqlite_where=sa.text("status IN ('confirmed', 'used')"), postgresql_where=sa.text("status IN ('confirmed', 'used')"))
        batch_op.drop_index('uq_booking_active_offer_per_user', sqlite_where=sa.text("status = 'confirmed'"), postgresql_where=sa.text("status = 'confirmed'"))
        batch_op.drop_index('ix_booking_user_status')
        batch_op.drop_index('ix_booking_token')
        batch_op.drop_index(batch_op.f('ix_booking_stock_id'))
        batch_op.drop_index(batch_op.f('ix_booking_offer_id'))
        batch_op.drop_index(batch_op.f('ix_booking_deposit_id'))
        batch_op.drop_index('ix_booking_booked_at')

    op.drop_table('booking')
    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_offer_id'))
        batch_op.drop_index('ix_stock_beginning_at')

    op.drop_table('stock')
    with op.batch_alter_table('price_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_price_category_offer_id'))

    op.drop_table('price_category')
    with op.batch_alter_table('offer_reaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_reaction_user_id'))
        batch_op.drop_index(batch_op.f('ix_offer_reaction_offer_id'))

    op.drop_table('offer_reaction')
    with op.batch_alter_table('favorite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_favorite_user_id'))
        batch_op.drop_index(batch_op.f('ix_favorite_offer_id'))

    op.drop_table('favorite')
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_venue_id'))
        batch_op.drop_index('ix_offer_shown')

    op.drop_table('offer')
    with op.batch_alter_table('credit_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_grant_deposit_id'))

    op.drop_table('credit_grant')
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_structure_id'))
        batch_op.drop_index('ix_venue_lat_lon')
        batch_op.drop_index(batch_op.f('ix_venue_commune_code'))

    op.drop_table('venue')
    with op.batch_alter_table('structure_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_structure_membership_user_id'))
        batch_op.drop_index(batch_op.f('ix_structure_membership_structure_id'))

    op.drop_table('structure_membership')
    with op.batch_alter_table('local_government_mandate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_government_mandate_user_id'))

    op.drop_table('local_government_mandate')
    with op.batch_alter_table('identity_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_check_user_id'))
        batch_op.drop_index(batch_op.f('ix_identity_check_status'))

    op.drop_table('identity_check')
    with op.batch_alter_table('deposit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposit_user_id'))

    op.drop_table('deposit')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_object')
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_role'))
        batch_op.drop_index(batch_op.f('ix_user_account_commune_code'))

    op.drop_table('user_account')
    with op.batch_alter_table('structure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_structure_status'))

    op.drop_table('structure')
    with op.batch_alter_table('commune_postal_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_postal_code_commune_code'))

    op.drop_table('commune_postal_code')
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_search_name'))
        batch_op.drop_index(batch_op.f('ix_commune_region_code'))
        batch_op.drop_index(batch_op.f('ix_commune_epci_siren'))
        batch_op.drop_index(batch_op.f('ix_commune_departement_code'))

    op.drop_table('commune')
    op.drop_table('programme_age_grant')
    with op.batch_alter_table('departement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departement_region_code'))

    op.drop_table('departement')
    op.drop_table('region')
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_email_recipient'))

    op.drop_table('outbound_email')
    op.drop_table('image')
    op.drop_table('identity_document')
    op.drop_table('geography_dataset')
    op.drop_table('epci')
    op.drop_table('credit_programme')
