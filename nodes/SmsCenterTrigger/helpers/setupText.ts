import { documentationSection } from '../../shared/documentation';
import { RESPOND_NODE_TO_PASTE } from './acknowledgement';
import { SECRET_FIELD, TOKEN_QUERY } from './notification';

/** The webhook path SMSCenter calls, after n8n's `/webhook/<id>/`. */
export const DELIVERY_PATH = 'delivery';

/**
 * The path n8n shows under Webhook URLs: the delivery path with SMSCenter's tokens and the secret's
 * field last, so the address is copied in one click and the user types the secret after `key=`.
 * n8n cannot show a credential's value in a node's panel only to those allowed to see it, so the
 * secret itself is never part of the address shown.
 */
export const READY_PATH = `${DELIVERY_PATH}?${TOKEN_QUERY}&${SECRET_FIELD}=`;

const FIRST_EVENT_DOCS = documentationSection('a-first-event-while-you-build');

/** n8n's notices keep only links and lists of their HTML. */
export const SETUP_NOTICE = [
	'<ul>',
	`<li>Address for SMSCenter: open Webhook URLs above, choose Production URL and click the address to copy it. It ends in ${SECRET_FIELD}= : type the Secret of the SMSCenter Trigger API credential right after it, then paste the whole address into SMSCenter's delivery notification settings (or send it to SMSCenter support).</li>`,
	`<li>A first event while you build: SMSCenter calls only the Production URL. Click Execute step, then open the Test URL in a browser with sample values in place of the {tokens} and the Secret after ${SECRET_FIELD}= (<a href="${FIRST_EVENT_DOCS}" target="_blank">example</a>).</li>`,
	'</ul>',
].join('');

/** The trigger panel's "When will this node trigger my flow?". */
export const FIRST_EVENT_HELP = [
	'<b>While you build the workflow</b>, SMSCenter cannot reach you: it calls only the Production URL. Send a sample report yourself:',
	`click <b>Execute step</b>, then open the <b>Test URL</b> (Webhook URLs, Test URL) in a browser with sample values in place of the tokens and the Secret after <code>${SECRET_FIELD}=</code> (<a href="${FIRST_EVENT_DOCS}" target="_blank">example</a>).`,
	'<br /><br /><b>Once the workflow is published</b>, every delivery report SMSCenter sends to the Production URL starts it. Those executions show in the workflow\'s <a data-key="executions">Executions</a>, not here.',
].join(' ');

/** Under Acknowledge, After the Workflow: which Respond to Webhook node answers for this trigger, ready to paste. */
export const RESPOND_NODE_NOTICE = [
	'<ul>',
	'<li>Copy this line, paste it on the canvas and connect it at the end of every path a report takes: ' +
		RESPOND_NODE_TO_PASTE +
		'</li>',
	"<li>It is a Respond to Webhook node at version 1 answering _OK_. The version that n8n's node list adds answers only after n8n's own Webhook node and would fail every run here, so the workflow cannot be activated with it.</li>",
	'<li>Until _OK_ comes back, SMSCenter keeps the report and retries it, so a failed run loses nothing; each retry starts the workflow again. A path that ends without answering (an If or Filter, a step with no output) leaves the report to be retried.</li>',
	'</ul>',
].join('');
