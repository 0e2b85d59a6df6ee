-- A bulk job's start and end go to the event log (bulk_job.started, bulk_job.completed), in the
-- transaction that changes the job, for the log's readers: RabbitMQ, the staff event stream and
-- webhooks subscribed to them. They are of no order and no customer, without order statuses; their
-- sequence counts within the job. Every order event keeps all of these.
ALTER TABLE order_events ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE order_events ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE order_events ALTER COLUMN status DROP NOT NULL;
ALTER TABLE order_events ALTER COLUMN payment_status DROP NOT NULL;
ALTER TABLE order_events ADD CONSTRAINT order_events_of_an_order_or_a_job CHECK (
    (order_id IS NOT NULL AND customer_id IS NOT NULL AND status IS NOT NULL AND payment_status IS NOT NULL)
    OR (order_id IS NULL AND customer_id IS NULL AND type LIKE 'bulk\_job.%'));

-- A webhook endpoint may subscribe to them by name: their deliveries are of no order either.
ALTER TABLE webhook_deliveries ALTER COLUMN order_id DROP NOT NULL;
