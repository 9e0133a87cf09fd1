/** Above this many nodes the HTML report leaves the graph out (and says how to choose a view). */
export const REPORT_MAX_NODES = 80;
