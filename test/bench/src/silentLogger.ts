/** A logger that logs nowhere: a benchmark prints its own results and nothing else. */
export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
