/**
 * The per-call cost of each fast path against the full path it falls back to, on the inputs of the
 * benchmark's workloads: microseconds per call, best of several rounds.
 */
import { measureFully, measureText } from '../nodes/SmsCenter/helpers/messageSegments';
import { normaliseFully, normalisePhoneNumber } from '../nodes/shared/phoneNumbers';
import { readAsmxResult, readAsmxResultFully } from '../nodes/shared/transport/responseParser';

export interface FastPathTiming {
	path: string;
	input: string;
	fullUs: number;
	fastUs: number;
}

/** Microseconds per call of `work` over `inputs`, the best of `rounds` rounds. */
function perCall<T>(inputs: T[], work: (input: T) => unknown, rounds = 5): number {
	let best = Infinity;
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		for (const input of inputs) work(input);
		best = Math.min(best, ((performance.now() - started) * 1000) / inputs.length);
	}
	return best;
}

const ANSWER_WITH_ID =
	'<?xml version="1.0" encoding="utf-8"?>\r\n<SendMessageV2ReturnMessageID xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.smscenter.co.il/"><Response>OK</Response><MessageID>1000001</MessageID></SendMessageV2ReturnMessageID>';

export function fastPathTimings(): FastPathTiming[] {
	const numbers = Array.from(
		{ length: 10_000 },
		(_, i) => `05${String(20000000 + i).padStart(8, '0')}`,
	);
	// Distinct texts, as in the personalised workload (each distinct text is measured once per run).
	const texts = Array.from(
		{ length: 2_000 },
		(_, i) => `Hello customer ${i}, your code is ${100000 + i}`,
	);
	const answers = Array.from({ length: 2_000 }, () => ANSWER_WITH_ID);
	return [
		{
			path: 'phone number, 05XXXXXXXX form',
			input: '10,000 numbers',
			fullUs: perCall(numbers, (n) => normaliseFully(n, 'sms')),
			fastUs: perCall(numbers, (n) => normalisePhoneNumber(n, 'sms')),
		},
		{
			path: 'segments of a plain GSM-7 text',
			input: '2,000 distinct texts',
			fullUs: perCall(texts, measureFully),
			fastUs: perCall(texts, measureText),
		},
		{
			path: 'SendMessageReturnMessageID answer',
			input: 'the gateway answer, 2,000 times',
			fullUs: perCall(answers, (a) => readAsmxResultFully(a, 'SendMessageReturnMessageID')),
			fastUs: perCall(answers, (a) => readAsmxResult(a, 'SendMessageReturnMessageID')),
		},
	];
}
