import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';
import { AsyncState } from 'react-use/esm/useAsyncFn';

/**
 * A card's content once its answer is in: progress while it loads, and the error, titled with
 * what could not be read, if it failed. The rest of the workspace stays usable either way.
 */
export function Loaded<T>(props: {
  state: AsyncState<T>;
  /** "Loading the …", for the progress bar's accessible name. */
  loadingLabel: string;
  /** "Could not read the …". */
  errorTitle: string;
  children: (value: T) => ReactNode;
}) {
  const { state } = props;
  if (state.error) {
    return <ResponseErrorPanel title={props.errorTitle} error={state.error} />;
  }
  if (state.value === undefined) {
    return <Progress aria-label={props.loadingLabel} />;
  }
  return <>{props.children(state.value)}</>;
}
