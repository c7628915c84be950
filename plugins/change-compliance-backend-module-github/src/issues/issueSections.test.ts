import { issueSections } from './issueSections';

describe('issueSections', () => {
  it('keys each section by its heading, of any level, with the text up to the next heading', () => {
    const body = [
      'Opened from the change template.',
      '## Description',
      'Round card fees half-even.',
      '',
      '### Justification:',
      'Scheme rules require it. #12 tracks the scheme notice.',
      '# **Implementation plan** ##',
      '1. Deploy through the pipeline',
      '2. Watch the fee dashboards',
    ].join('\r\n');
    expect(issueSections(body)).toEqual({
      Description: 'Round card fees half-even.',
      Justification: 'Scheme rules require it. #12 tracks the scheme notice.',
      'Implementation plan':
        '1. Deploy through the pipeline\n2. Watch the fee dashboards',
    });
  });

  it('reads a heading inside a code block as code, part of the section', () => {
    const body = [
      '## Rollback plan',
      '```sh',
      '# redeploy the previous release',
      'deploy --version 2.3.0',
      '```',
      '## Description',
      'Fees',
    ].join('\n');
    expect(issueSections(body)['Rollback plan']).toBe(
      '```sh\n# redeploy the previous release\ndeploy --version 2.3.0\n```',
    );
    expect(issueSections(body).Description).toBe('Fees');
  });

  it('leaves out what the rendered issue does not show, and an issue form’s empty answer', () => {
    const body = [
      '### Rollback plan',
      '<!-- How do we undo this? -->',
      '',
      '### Justification',
      '_No response_',
      '### Description',
      '<!-- guidance --> Fees are rounded half-even.',
    ].join('\n');
    expect(issueSections(body)).toEqual({
      'Rollback plan': '',
      Justification: '',
      Description: 'Fees are rounded half-even.',
    });
  });

  it('keeps the first of two headings that differ only in case', () => {
    const body = '## Rollback plan\nTBD\n## Rollback Plan\nRedeploy 2.3';
    expect(issueSections(body)).toEqual({ 'Rollback plan': 'TBD' });
  });

  it('ends a section at a sub-heading: one holding only sub-headings is empty', () => {
    const body = '## Implementation plan\n### Steps\n### Checks\n';
    expect(issueSections(body)).toEqual({
      'Implementation plan': '',
      Steps: '',
      Checks: '',
    });
  });

  it('takes no heading from a `#tag`, four-space indentation or an empty heading', () => {
    const body =
      '#release-notes\n    ## Not a heading\n##\nafter an empty heading\n## Description\nFees';
    expect(issueSections(body)).toEqual({ Description: 'Fees' });
  });
});
