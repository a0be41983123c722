// The page's first import (renderer/main.tsx): the first screen's request leaves while the rest of the code (React,
// the contract's schemas, the screens) is still being evaluated, not after it.
import { askFirstScreenEarly } from './data/first-screen-ask';

askFirstScreenEarly();
