import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { GATEWAY_TIME_ZONE, parseGatewayDate } from '../../../shared/dates';
import { normalisePhoneNumber } from '../../../shared/phoneNumbers';
import { describeIvrStatus } from '../../../shared/statusCodes/ivrStatuses';
import { forOperation } from '../../helpers/displayOptions';
import { digitsProblem } from '../../helpers/numberChecks';
import { isAcceptedAnswer } from '../../../shared/transport/answerRules';
import { readIvrLogin, readIvrRows } from '../../transport/answers';
import { requireAccepted } from '../../transport/errors';
import { inputError } from '../common/itemErrors';
import type { OperationRun } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1000001',
		description: 'The message ID that the voice call Send operation returned',
	},
];

export const description = forOperation('voiceCall', 'getResponses', properties);

/** One output item per called number: status, call length and the key the recipient pressed. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject[]> {
	const messageId = this.getNodeParameter('messageId', itemIndex, '') as unknown;
	const problem = digitsProblem(messageId);
	if (problem)
		throw inputError(this, itemIndex, 'Message ID', problem, 'No request was made for this item.');
	const id = String(messageId).trim();
	// The login code is read first; the rows only when it is accepted, so a refusal shows SMSCenter's code.
	const answer = await run.caller.asmx(
		'GetMessagesResponseByMessageID',
		[['MessageID', id]],
		itemIndex,
		(result) => {
			const login = readIvrLogin(result);
			return { login, rows: isAcceptedAnswer(login) ? readIvrRows(result) : [] };
		},
	);
	requireAccepted(
		this.getNode(),
		answer.login,
		itemIndex,
		`Reading the responses of voice message ${id} failed`,
	);
	return answer.rows.map((row) => {
		const phone = normalisePhoneNumber(row.mobile, 'voice');
		return {
			messageId: id,
			mobile: phone.valid ? phone.number : row.mobile,
			mobileRaw: row.mobile,
			status: describeIvrStatus(row.status),
			sendDate: parseGatewayDate(row.sendDate, GATEWAY_TIME_ZONE) ?? null,
			sendDateRaw: row.sendDate,
			callLengthSeconds: row.callLength,
			response: row.response,
		};
	});
}
