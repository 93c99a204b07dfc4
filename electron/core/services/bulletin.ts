import { actorOf, type HandlerMap } from '../handler';
import { ApiFailure } from '../errors';

type BulletinMethod = 'bulletin.get' | 'bulletin.save' | 'bulletin.publish' | 'bulletin.version' | 'bulletin.list' | 'bulletin.export';

/** Placeholder while the figures are built: the contract is fixed so the screens can be written against it. */
const notYet = ({ session }: { session: unknown }): never => {
  actorOf(session as never);
  throw new ApiFailure('not_found', 'the bulletin is being built');
};

export const bulletinHandlers: HandlerMap<BulletinMethod> = {
  'bulletin.get': notYet,
  'bulletin.save': notYet,
  'bulletin.publish': notYet,
  'bulletin.version': notYet,
  'bulletin.list': notYet,
  'bulletin.export': notYet,
};
