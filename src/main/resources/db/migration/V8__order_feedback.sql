-- The customer's feedback after delivery: one per order (order.feedback_received in the log).
ALTER TABLE orders ADD COLUMN feedback_rating INTEGER CHECK (feedback_rating BETWEEN 1 AND 5),
                   ADD COLUMN feedback_comment TEXT,
                   ADD COLUMN feedback_at TIMESTAMPTZ;
