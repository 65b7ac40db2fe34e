import { parseDlrTimestamp, parseGatewayDate, readDateTime } from '../../nodes/shared/dates';

describe('gateway dates', () => {
	it('reads dd/MM/yyyy HH:mm:ss as Israel time (summer, UTC+3)', () => {
		expect(parseGatewayDate('31/08/2011 09:57:23')).toBe('2011-08-31T06:57:23.000Z');
	});
	it('reads DDMMYYYYHHMMSS as Israel time (winter, UTC+2)', () => {
		expect(parseDlrTimestamp('25112026093000')).toBe('2026-11-25T07:30:00.000Z');
	});
	it('honours another time zone', () => {
		expect(parseDlrTimestamp('25112026093000', 'UTC')).toBe('2026-11-25T09:30:00.000Z');
	});
	it('refuses impossible dates', () => {
		expect(parseDlrTimestamp('31022026093000')).toBeUndefined();
		expect(parseDlrTimestamp('2511202609300')).toBeUndefined();
		expect(parseGatewayDate('2011-08-31 09:57:23')).toBeUndefined();
	});
	it('reads wall-clock date-times in the workflow time zone and ISO text with an offset as is', () => {
		expect(readDateTime('2026-12-01T09:30', 'Asia/Jerusalem')?.toISOString()).toBe(
			'2026-12-01T07:30:00.000Z',
		);
		expect(readDateTime('2026-12-01 09:30:00', 'America/New_York')?.toISOString()).toBe(
			'2026-12-01T14:30:00.000Z',
		);
		expect(readDateTime('2026-12-01T09:30:00.000+01:00', 'Asia/Jerusalem')?.toISOString()).toBe(
			'2026-12-01T08:30:00.000Z',
		);
		expect(readDateTime('tomorrow', 'UTC')).toBeUndefined();
	});
});
