package dev.feedrail

import dev.feedrail.types.Company
import dev.feedrail.types.PushOperation
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/** The companies as a cold [Flow]: pages are read as it is collected. */
fun CompanyIterator.asFlow(): Flow<Company> = flow {
    while (true) emit(next() ?: break)
}

/** The push operations as a cold [Flow]: pages are read as it is collected. */
fun PushOperationIterator.asFlow(): Flow<PushOperation> = flow {
    while (true) emit(next() ?: break)
}

/** A [ProgressListener] from a lambda: `client.pushFeed(…, progress = progressOf { println(it) })`. */
fun progressOf(handle: (dev.feedrail.types.ProgressEvent) -> Unit): ProgressListener = object : ProgressListener {
    override fun onProgress(event: dev.feedrail.types.ProgressEvent) = handle(event)
}
