-- Order verification of the customer's details (README "Customer details"): the shipping address
-- gains the phone number carriers need (E.164), and a country without postal codes has none.
ALTER TABLE orders ADD COLUMN ship_phone VARCHAR(20);
ALTER TABLE orders ALTER COLUMN ship_postal_code DROP NOT NULL;
