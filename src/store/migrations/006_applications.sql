-- Citizen-application cases: the legal deadline, escalation, the reply sent and forwarding.
-- One row per application item; the deadline columns are computed by the app from config/applications.

CREATE TABLE application_cases (
  item_id uuid PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
  law text NOT NULL CHECK (law IN ('3071', '4982')),
  received_at timestamptz NOT NULL,
  -- The last day to answer (local date) and the end of that day as an instant.
  due_date date NOT NULL,
  due_at timestamptz NOT NULL,
  -- From this instant the case is at risk (few working days left) and gets escalated.
  risk_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'forwarded', 'answered', 'closed')),
  escalated_at timestamptz,
  reply_response_id uuid REFERENCES responses (id) ON DELETE SET NULL,
  reply_channel text CHECK (reply_channel IN ('eposta', 'posta', 'telefon', 'edevlet_cimer')),
  reply_sent_on date,
  reply_recorded_at timestamptz,
  reply_sent_by uuid REFERENCES users (id),
  forwarded_to text,
  forward_reason text,
  forwarded_at timestamptz,
  forwarded_by uuid REFERENCES users (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'answered' OR reply_sent_on IS NOT NULL),
  CHECK (state <> 'forwarded' OR forwarded_at IS NOT NULL)
);
CREATE INDEX application_cases_due_idx ON application_cases (due_at);
CREATE INDEX application_cases_received_idx ON application_cases (received_at);
-- The escalation sweep and the at-risk lists.
CREATE INDEX application_cases_open_risk_idx ON application_cases (risk_at) WHERE state = 'open';
-- Finding applications that have no case yet, newest first.
CREATE INDEX items_application_created_idx ON items (created_at) WHERE kind = 'application';
