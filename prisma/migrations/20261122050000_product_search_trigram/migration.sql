-- products(filter: {search}) is a case-insensitive substring match (ILIKE '%term%') on name or sku.
-- B-tree indexes cannot serve a pattern with a leading wildcard; trigram GIN indexes can, so a
-- search reads the matching rows instead of the whole table. pg_trgm ships with PostgreSQL
-- (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE INDEX "products_name_trgm_idx" ON "products" USING GIN ("name" gin_trgm_ops);

CREATE INDEX "products_sku_trgm_idx" ON "products" USING GIN ("sku" gin_trgm_ops);
