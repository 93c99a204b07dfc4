import type { trackingPrintZh } from './printZh';

/** The tracking sheet printed in full: English for the print view (the paper itself prints in Chinese). */
export const trackingPrintEn: typeof trackingPrintZh = {
  keys: 'Finding the complaints to print…',
  preparing: 'Preparing the print',
  preparingVolume: 'Preparing volume {{n}}',
  summary: '{{total}} rows, about {{pages}} pages',
  volumes: '{{total}} rows, printed in {{of}} volumes of at most {{rows}} rows (about {{pages}} pages each)',
  volumeOf: 'Volume {{n}} of {{of}}',
  volumeRows: 'rows {{from}}–{{to}} in this volume',
  prev: 'Previous volume',
  next: 'Next volume',
  print: 'Print',
  printVolume: 'Print this volume',
  printAll: 'Print every volume',
  printingAll: 'Printing volume {{n}} of {{of}}',
  stopAll: 'Stop printing volumes',
  empty: 'No complaints match the current filter: nothing to print',
  cancelled: 'Preparing the print was cancelled',
  retry: 'Prepare again',
  preview: 'The first {{shown}} rows are previewed on screen; printing outputs all {{size}} rows, with the header and a page number on every page and signature lines at the end.',
  previewVolume: 'The first {{shown}} rows are previewed on screen; printing outputs all {{size}} rows of this volume, with the header and a page number on every page and signature lines at the end.',
  back: 'Back to the sheet',
  badSpec: 'This print link is not valid: print again from the tracking sheet',
  paper: {
    pageFooter: 'Page {{page}} of {{pages}}',
    volume: 'Volume {{n}} of {{of}}',
  },
};
