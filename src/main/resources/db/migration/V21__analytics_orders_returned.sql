-- The post-sale figures' orders returned (README "Analytics"): when the projector saw an order's
-- first return receipt, so that an order returned in two parcels counts once.
ALTER TABLE analytics_order_milestones ADD COLUMN first_returned_at TIMESTAMPTZ;
