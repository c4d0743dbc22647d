import './styles.css';
import { render } from 'preact';
import { Dashboard } from './dashboard/app.tsx';
import { startPage } from './shell.ts';

/** The figures page (统计): see dashboard/app.tsx. */
void startPage(({ config, person, main }) => {
  main.replaceChildren();
  render(<Dashboard config={config} person={person} />, main);
});
