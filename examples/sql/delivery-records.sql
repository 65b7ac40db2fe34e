-- Tables for the delivery-records examples (delivery-records-*.json). Run once in your database.

-- One row per delivery report: the trigger's eventId is the same for every retry of the same report,
-- so an upsert on it stores each report exactly once, however often it arrives.
CREATE TABLE IF NOT EXISTS sms_delivery_reports (
	event_id text PRIMARY KEY,
	message_id text NOT NULL,
	msisdn text NOT NULL,
	status_code integer NOT NULL,
	status_name text NOT NULL,
	final boolean NOT NULL,
	delivered boolean NOT NULL,
	reported_at timestamptz,
	received_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_delivery_reports_message ON sms_delivery_reports (message_id, msisdn);

-- One row per recipient of a send, so that recipients without a report yet count as pending.
CREATE TABLE IF NOT EXISTS sms_sends (
	message_id text NOT NULL,
	msisdn text NOT NULL,
	sent_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (message_id, msisdn)
);
