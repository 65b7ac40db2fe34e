/**
 * The Hebrew-calendar library the Send Window uses for Israeli holidays (date-holidays: code ISC,
 * holiday data CC BY-SA 3.0). A bundle of its own, loaded only when a run skips holidays, so that
 * other runs do not load it. The build keeps only the Israeli data and leaves out moment-timezone,
 * which the library needs only for equinox-based holidays that Israel does not have (see gulpfile.js).
 */
import Holidays from 'date-holidays';

export { Holidays };
