-- Orders pushed by the business's system of record (issue 14). One row per
-- customer and order number (number_idx: a keyed blind index of the
-- number); data_enc is the order as JSON, sealed under the customer's data
-- key and bound to the row.
CREATE TABLE orders (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	number_idx  TEXT NOT NULL,
	data_enc    TEXT NOT NULL,
	placed_at   TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	UNIQUE (customer_id, number_idx)
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at);
