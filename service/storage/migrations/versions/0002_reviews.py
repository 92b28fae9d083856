"""Reviews: a reviewer's verdict per finding of a document, kept by finding id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("finding_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_reviews_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_reviews_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.UniqueConstraint("tenant_id", "document_id", "finding_id", name="uq_reviews_finding"),
    )
    op.create_index("ix_reviews_document_id", "reviews", ["document_id"])
    op.create_index("ix_reviews_tenant_status", "reviews", ["tenant_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_reviews_tenant_status", table_name="reviews")
    op.drop_index("ix_reviews_document_id", table_name="reviews")
    op.drop_table("reviews")
