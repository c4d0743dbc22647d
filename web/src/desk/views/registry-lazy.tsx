import { useEffect, useState } from 'preact/hooks';
import type { RegistryView } from '../route.ts';
import { mayImport, mayReview } from '../state.ts';
import { VIEW_NAMES } from '../words.ts';
import { Loading, Trouble, ViewTitle } from './common.tsx';

type Views = typeof import('./on-demand.tsx');

/**
 * The branch registry's views (支部名册导入, 联系点, 待匹配支部), loaded when first opened: the desk's
 * first view does not carry them (nor fflate, which the import loads only for an .xlsx). The
 * heading is here, so focus lands on it as the view opens, before the rest has loaded.
 */
export function RegistryViews({ view }: { view: RegistryView }) {
  const [views, setViews] = useState<Views>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    import('./on-demand.tsx').then(setViews, setError);
  }, []);
  const allowed = view === 'import' ? mayImport.value : mayReview.value;
  return (
    <div class="registry-view" data-view={view}>
      <ViewTitle id="list-title">{VIEW_NAMES[view]}</ViewTitle>
      {!allowed ? <p class="notice">{VIEW_NAMES[view]}供组织部门工作人员和管理员使用。</p>
        : error ? <Trouble error={error} retry={() => location.reload()} />
          : !views ? <Loading what={VIEW_NAMES[view]} />
            : view === 'import' ? <views.ImportView /> : view === 'contacts' ? <views.ContactsView /> : <views.MatchingView />}
    </div>
  );
}
