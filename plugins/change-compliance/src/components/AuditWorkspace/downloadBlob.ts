/**
 * Saves a blob under a file name, as a link with `download` would: the export answers with the
 * archive's bytes (the request needs the viewer's token), so there is no URL to link to.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoked a little later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The archive's file name, as the evidence package names itself. */
export function evidenceFileName(sampleId: string): string {
  return `evidence-${sampleId}.zip`;
}
