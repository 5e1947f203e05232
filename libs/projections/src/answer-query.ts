import { InvalidArgument, type World } from '@tokentrail/domain';
import { artifactAnswer, explainAnswer, staleAnswer, truthAnswer } from './answers';
import type { Answer, Query } from './query';

/** Answers every query kind but remediate (which replays on a fork) from a world folded up to `at`. */
export function answerQuery(world: World, at: string, query: Query): Answer {
  switch (query.kind) {
    case 'truth':
      return truthAnswer(world, query.args);
    case 'token':
    case 'tgt':
    case 'logonCache':
    case 'basicCache':
    case 'smbSession':
      return artifactAnswer(world, at, query.kind, query.args);
    case 'stale':
      return staleAnswer(world, at, query.args);
    case 'explain':
      return explainAnswer(world, at, query.args);
    case 'remediate':
      throw new InvalidArgument('remediate', 'is answered by replaying on a fork, not from a view');
  }
}
