import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  WarningPanel,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { Button, Grid, makeStyles, Typography } from '@material-ui/core';
import { DEMO_PERSONA_HEADER, readDemoPersonas } from './demoPersonas';
import {
  forgetSignInChoice,
  forgettingSignInChoiceOnSignOut,
  rememberedSignInChoice,
  rememberSignInChoice,
  SignInChoice,
} from './signInChoice';

const useStyles = makeStyles(theme => ({
  choices: {
    listStyle: 'none',
    padding: 0,
  },
  failure: {
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The portal's sign-in page: the demo personas, where the backend offers them
 * (`auth.providers.demo`), one card each with the role and what to try as them, and the guest.
 * Each choice signs in through the backend's provider for it and is remembered, so a reload signs
 * in again as the same persona; signing out forgets it.
 */
export function PersonaSignInPage({ onSignInSuccess }: SignInPageProps) {
  const classes = useStyles();
  const config = useApi(coreApis.config);
  const personas = useMemo(() => readDemoPersonas(config), [config]);
  const [choice, setChoice] = useState<SignInChoice | undefined>(
    rememberedSignInChoice,
  );
  const [failure, setFailure] = useState<Error>();

  const choose = (next: SignInChoice) => {
    rememberSignInChoice(next);
    setFailure(undefined);
    setChoice(next);
  };
  const handleFailure = useCallback((error: Error) => {
    forgetSignInChoice();
    setChoice(undefined);
    setFailure(error);
  }, []);
  const ErrorComponent = useCallback(
    ({ error }: { error?: Error }) => (
      <SignInFailed error={error} onFailure={handleFailure} />
    ),
    [handleFailure],
  );

  if (choice) {
    return (
      <ProxiedSignInPage
        provider={choice.provider}
        headers={
          choice.provider === 'demo'
            ? { [DEMO_PERSONA_HEADER]: choice.persona }
            : undefined
        }
        onSignInSuccess={identity =>
          onSignInSuccess(forgettingSignInChoiceOnSignOut(identity))
        }
        ErrorComponent={ErrorComponent}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title={config.getString('app.title')}
        subtitle={
          personas.length > 0
            ? 'Demo sign-in: try every view with the permissions of the role you choose'
            : undefined
        }
      />
      <Content>
        <ContentHeader title="Sign in" />
        {failure && (
          <div className={classes.failure}>
            <WarningPanel
              severity="error"
              title="Sign-in failed"
              message={reasonOf(failure)}
              defaultExpanded
            />
          </div>
        )}
        <Grid container spacing={2} component="ul" className={classes.choices}>
          {personas.map(persona => (
            <Grid item component="li" xs={12} md={6} lg={3} key={persona.id}>
              <InfoCard
                variant="fullHeight"
                title={persona.title}
                subheader={persona.userEntityRef}
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() =>
                      choose({ provider: 'demo', persona: persona.id })
                    }
                  >
                    Sign in as {persona.title}
                  </Button>
                }
              >
                <Typography variant="body1">{persona.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
          <Grid item component="li" xs={12} md={6} lg={3}>
            <InfoCard
              variant="fullHeight"
              title="Guest"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => choose({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Sign in without a role: read every service and its evidence;
                draw no audit sample, export nothing.
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * Why the backend refused: a failed request's own message only says `Request failed with 403`,
 * the backend's reason (e.g. that the persona is not offered) is its cause.
 */
function reasonOf(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  if (typeof cause?.message === 'string' && cause.message !== '') {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}

/** Hands a failed sign-in back to the page, which shows it beside the choices. */
function SignInFailed({
  error,
  onFailure,
}: {
  error?: Error;
  onFailure: (error: Error) => void;
}) {
  useEffect(() => {
    onFailure(error ?? new Error('The sign-in did not succeed'));
  }, [error, onFailure]);
  return null;
}
