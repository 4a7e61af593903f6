/** `#/har`: the har feature's page (open a file, a link, a drop) showing what it opens in HarView. */
import HarRoute from '../../features/har/HarRoute';
import { HarView } from './HarView';

/** Keyed by its `url` (Screen.tsx): another link is another page. */
export default function HarScreen({ url }: { url: string | null }) {
  return <HarRoute url={url} View={HarView} />;
}
