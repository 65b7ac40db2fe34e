/**
 * The third-party library the trigger uses at run time. The build bundles this file with it (see
 * gulpfile.js), so the installed package needs no dependency.
 */
import ipaddr from 'ipaddr.js';

export { ipaddr };
