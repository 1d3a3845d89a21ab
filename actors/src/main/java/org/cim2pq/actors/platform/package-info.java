/** The CIM platform (the sim module) as the search's evaluation model: trained networks, tiling, staged evaluation. */
package org.cim2pq.actors.platform;
