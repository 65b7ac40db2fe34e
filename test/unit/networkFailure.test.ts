import { NodeApiError, type INode } from 'n8n-workflow';
import {
	failedBeforeConnecting,
	failureWords,
	networkFailure,
} from '../../nodes/SmsCenter/transport/networkFailure';

const node: INode = {
	id: 'n1',
	name: 'SMSCenter',
	type: 'n8n-nodes-smscenter.smsCenter',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function refused(): Error {
	return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6209'), { code: 'ECONNREFUSED' });
}

describe("the network failure read from n8n's error", () => {
	it("n8n 2.x: the request's error is the NodeApiError's cause", () => {
		const failure = networkFailure(new NodeApiError(node, refused() as never));
		expect(failure.code).toBe('ECONNREFUSED');
		expect(failedBeforeConnecting(failure)).toBe(true);
		expect(failureWords(failure)).toBe('the connection was refused');
	});

	it("n8n 1.x: no cause, the code only in the NodeApiError's httpCode", () => {
		// The shape n8n-workflow 1.120 gives: its class field `cause` resets the native cause.
		const error = Object.assign(
			new Error('The service refused the connection - perhaps it is offline'),
			{
				httpCode: 'ECONNREFUSED',
				messages: ['connect ECONNREFUSED 127.0.0.1:6209'],
				cause: undefined,
			},
		);
		const failure = networkFailure(error);
		expect(failure.code).toBe('ECONNREFUSED');
		expect(failedBeforeConnecting(failure)).toBe(true);
		expect(failureWords(failure)).toBe('the connection was refused');
	});

	it('an HTTP status in httpCode is no network code', () => {
		const error = Object.assign(new Error('Bad gateway'), { httpCode: '502' });
		expect(networkFailure(error).code).toBe('UNKNOWN');
		expect(failedBeforeConnecting(networkFailure(error))).toBe(false);
	});
});
