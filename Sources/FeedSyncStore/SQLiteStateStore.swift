import CSQLite
import FeedSyncCore
